/**
 * The filter builder: rows of field, operator (those the field accepts) and value, applied together.
 * @module
 */
import { createEffect, For, on, Show } from 'solid-js'
import { createStore, produce, reconcile, unwrap } from 'solid-js/store'
import type { FieldMeta } from '../../records/metadata-types'
import type { FilterOp } from '../../records/types'
import { type FilterRow, isCompleteFilter } from '../api/list-params'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { fieldPath } from '../fields/field-def'
import type { MessageKey } from '../i18n/translator'
import { IconPlus, IconX } from '../ui/icons'
import { FilterValueInput } from './filter-value-input'

export interface FilterBuilderProps {
  fields: FieldMeta[]
  value: FilterRow[]
  onApply: (rows: FilterRow[]) => void
}

function defaultValue(op: string): unknown {
  if (op === 'isNull') return true
  if (op === 'between') return ['', '']
  if (op === 'in') return []
  return ''
}

export function FilterBuilder(props: FilterBuilderProps) {
  const { t } = useI18n()
  const session = useSession()
  const [draft, setDraft] = createStore<FilterRow[]>([])
  createEffect(
    on(
      () => props.value,
      (v) => setDraft(reconcile(structuredClone(v))),
    ),
  )
  const byPath = (path: string) => props.fields.find((f) => fieldPath(f) === path)
  const label = (f: FieldMeta) => session.labels().field(f)

  const add = () => {
    const f = props.fields[0]
    if (!f) return
    const op = f.operators[0] as FilterOp
    setDraft(draft.length, { field: fieldPath(f), op, value: defaultValue(op) })
  }
  const setField = (i: number, path: string) => {
    const f = byPath(path)
    const op = (f?.operators[0] ?? 'eq') as FilterOp
    setDraft(i, { field: path, op, value: defaultValue(op) })
  }
  const setOp = (i: number, op: FilterOp) => {
    const keep =
      draft[i].op !== 'isNull' &&
      op !== 'isNull' &&
      (draft[i].op === 'between') === (op === 'between') &&
      (draft[i].op === 'in') === (op === 'in')
    setDraft(i, { op, value: keep ? draft[i].value : defaultValue(op) })
  }
  const remove = (i: number) => setDraft(produce((rows) => rows.splice(i, 1)))
  const apply = (e: SubmitEvent) => {
    e.preventDefault()
    props.onApply(structuredClone(unwrap(draft)).filter(isCompleteFilter))
  }

  return (
    <form class="filter-builder" onSubmit={apply} aria-label={t('filter.title')}>
      <Show when={draft.length > 0} fallback={<p class="muted">{t('filter.none')}</p>}>
        <ol class="filter-rows">
          <For each={draft}>
            {(row, i) => {
              const field = () => byPath(row.field)
              const n = () => i() + 1
              return (
                <li class="filter-row">
                  <select
                    class="input select"
                    aria-label={t('filter.field', { n: n() })}
                    value={row.field}
                    onChange={(e) => setField(i(), e.currentTarget.value)}
                  >
                    <For each={props.fields}>{(f) => <option value={fieldPath(f)}>{label(f)}</option>}</For>
                  </select>
                  <select
                    class="input select"
                    aria-label={t('filter.operator', { n: n() })}
                    value={row.op}
                    onChange={(e) => setOp(i(), e.currentTarget.value as FilterOp)}
                  >
                    <For each={field()?.operators ?? []}>
                      {(op) => <option value={op}>{t(`filter.op.${op}` as MessageKey)}</option>}
                    </For>
                  </select>
                  <Show when={field()}>
                    {(f) => (
                      <FilterValueInput
                        id={`filter-value-${i()}`}
                        label={t('filter.value', { n: n(), label: label(f()) })}
                        field={f()}
                        row={row}
                        onChange={(v) => setDraft(i(), 'value', v)}
                      />
                    )}
                  </Show>
                  <button
                    type="button"
                    class="icon-button"
                    aria-label={t('filter.remove', { n: n() })}
                    onClick={() => remove(i())}
                  >
                    <IconX size={16} aria-hidden="true" />
                  </button>
                </li>
              )
            }}
          </For>
        </ol>
      </Show>
      <div class="filter-actions">
        <button type="button" class="button button-ghost" onClick={add}>
          <IconPlus size={16} aria-hidden="true" />
          {t('filter.add')}
        </button>
        <span class="spacer" />
        <Show when={props.value.length > 0}>
          <button type="button" class="button button-ghost" onClick={() => props.onApply([])}>
            {t('filter.clear')}
          </button>
        </Show>
        <button type="submit" class="button button-primary">
          {t('filter.apply')}
        </button>
      </div>
    </form>
  )
}
