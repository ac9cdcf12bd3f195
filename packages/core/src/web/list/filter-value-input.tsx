/**
 * The value part of one filter row, shaped by the field's type and the operator: a reference picker for
 * `eq` on a reference, checkboxes for `in` on a select, two inputs for `between`, yes/no for `isNull`.
 * @module
 */
import { For, Match, Switch } from 'solid-js'
import type { FieldMeta } from '../../records/metadata-types'
import type { FilterRow } from '../api/list-params'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { ReferencePicker } from '../fields/reference-picker'

const NUMERIC = new Set(['integer', 'decimal', 'money', 'percent'])
const REFERENCE = new Set(['belongsTo', 'user', 'parent', 'file'])

/** Numbers typed the French way (`1 234,5`) become API decimals (`1234.5`). */
export function normalizeNumber(raw: string): string {
  return raw.replace(/\s/g, '').replace(',', '.')
}

export interface FilterValueInputProps {
  id: string
  label: string
  field: FieldMeta
  row: FilterRow
  onChange: (value: unknown) => void
}

export function FilterValueInput(props: FilterValueInputProps) {
  const { t } = useI18n()
  const session = useSession()
  const type = () => (props.field.type === 'computed' ? (props.field.resultType ?? 'text') : props.field.type)
  const inputType = () => (type() === 'date' || type() === 'datetime' ? 'date' : 'text')
  const scalar = (raw: string) => (NUMERIC.has(type()) ? normalizeNumber(raw) : raw)
  const pair = () => (Array.isArray(props.row.value) ? (props.row.value as string[]) : ['', ''])
  const list = () => (Array.isArray(props.row.value) ? (props.row.value as string[]) : [])
  const options = () => props.field.options ?? []
  const optionLabel = (v: string) => session.labels().option(props.field, v)
  return (
    <Switch
      fallback={
        <input
          id={props.id}
          class="input"
          type={inputType()}
          inputmode={NUMERIC.has(type()) ? 'decimal' : undefined}
          aria-label={props.label}
          value={(props.row.value as string) ?? ''}
          onInput={(e) => props.onChange(scalar(e.currentTarget.value))}
        />
      }
    >
      <Match when={props.row.op === 'isNull'}>
        <select
          id={props.id}
          class="input select"
          aria-label={props.label}
          value={props.row.value === false ? 'false' : 'true'}
          onChange={(e) => props.onChange(e.currentTarget.value === 'true')}
        >
          <option value="true">{t('filter.isEmpty')}</option>
          <option value="false">{t('filter.isNotEmpty')}</option>
        </select>
      </Match>
      <Match when={props.row.op === 'between'}>
        <span class="filter-between">
          <input
            id={props.id}
            class="input"
            type={inputType()}
            aria-label={t('filter.from', { label: props.label })}
            value={pair()[0] ?? ''}
            onInput={(e) => props.onChange([scalar(e.currentTarget.value), pair()[1] ?? ''])}
          />
          <input
            class="input"
            type={inputType()}
            aria-label={t('filter.to', { label: props.label })}
            value={pair()[1] ?? ''}
            onInput={(e) => props.onChange([pair()[0] ?? '', scalar(e.currentTarget.value)])}
          />
        </span>
      </Match>
      <Match when={type() === 'boolean'}>
        <select
          id={props.id}
          class="input select"
          aria-label={props.label}
          value={String(props.row.value ?? '')}
          onChange={(e) => props.onChange(e.currentTarget.value)}
        >
          <option value="">{t('field.choose')}</option>
          <option value="true">{t('common.yes')}</option>
          <option value="false">{t('common.no')}</option>
        </select>
      </Match>
      <Match when={options().length > 0 && props.row.op === 'in'}>
        <fieldset class="checkbox-group filter-options" id={props.id}>
          <legend class="visually-hidden">{props.label}</legend>
          <For each={options()}>
            {(o) => (
              <label class="checkbox">
                <input
                  type="checkbox"
                  checked={list().includes(o.value)}
                  onChange={(e) =>
                    props.onChange(
                      e.currentTarget.checked ? [...list(), o.value] : list().filter((v) => v !== o.value),
                    )
                  }
                />
                <span>{optionLabel(o.value)}</span>
              </label>
            )}
          </For>
        </fieldset>
      </Match>
      <Match when={options().length > 0}>
        <select
          id={props.id}
          class="input select"
          aria-label={props.label}
          value={(props.row.value as string) ?? ''}
          onChange={(e) => props.onChange(e.currentTarget.value)}
        >
          <option value="">{t('field.choose')}</option>
          <For each={options()}>{(o) => <option value={o.value}>{optionLabel(o.value)}</option>}</For>
        </select>
      </Match>
      <Match when={REFERENCE.has(type()) && props.row.op !== 'in'}>
        <ReferencePicker
          id={props.id}
          field={props.field}
          label={props.label}
          value={props.row.value}
          onChange={(v) => props.onChange(v)}
        />
      </Match>
      <Match when={props.row.op === 'in'}>
        <input
          id={props.id}
          class="input"
          aria-label={props.label}
          aria-describedby={`${props.id}-hint`}
          value={list().join(', ')}
          onInput={(e) =>
            props.onChange(
              e.currentTarget.value
                .split(',')
                .map((s) => scalar(s.trim()))
                .filter(Boolean),
            )
          }
        />
        <span id={`${props.id}-hint`} class="visually-hidden">
          {t('filter.inHint')}
        </span>
      </Match>
    </Switch>
  )
}
