/**
 * A field's value as text or a link, formatted in the user's locale.
 * @module
 */
import { A } from '@solidjs/router'
import { For, Match, Switch } from 'solid-js'
import { ADDRESS_PARTS } from '../../entity/fields'
import type { FieldMeta } from '../../records/metadata-types'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { recordPath } from './field-def'
import { FileLink, fileRef } from './file-input'

type Ref = { id: string; title?: string; entity?: string }

export function formatPlain(
  value: unknown,
  field: FieldMeta,
  ctx: ReturnType<typeof useI18n>,
  optionLabel: (v: string) => string,
): string {
  const fmt = ctx.fmt()
  if (value === null || value === undefined || value === '') return ''
  const type = field.type === 'computed' ? (field.resultType ?? 'text') : field.type
  switch (type) {
    case 'money':
      return fmt.money(value as string)
    case 'integer':
      return fmt.number(value as number)
    case 'decimal':
      return fmt.number(value as string, field.scale ?? 4)
    case 'percent':
      return fmt.percent(value as string)
    case 'date':
      return fmt.date(value as string)
    case 'datetime':
      return fmt.dateTime(value as string)
    case 'boolean':
      return value ? ctx.t('common.yes') : ctx.t('common.no')
    case 'select':
      return optionLabel(String(value))
    case 'multiSelect':
      return (value as string[]).map(optionLabel).join(', ')
    case 'address':
      return ADDRESS_PARTS.map((p) => (value as Record<string, string | null>)[p])
        .filter(Boolean)
        .join(', ')
    case 'belongsTo':
    case 'user':
    case 'parent':
    case 'file': {
      const r = value as Ref & { name?: string }
      return r.title ?? r.name ?? r.id ?? String(value)
    }
    default:
      return String(value)
  }
}

export function FieldValue(props: { field: FieldMeta; value: unknown; multiline?: boolean }) {
  const i18n = useI18n()
  const session = useSession()
  const text = () =>
    formatPlain(props.value, props.field, i18n, (v) => session.labels().option(props.field, v))
  const ref = () => props.value as Ref
  const refPath = () => {
    const r = ref()
    const target = props.field.type === 'parent' ? r.entity : props.field.target
    return target && session.entity(target) ? recordPath(target, r.id) : undefined
  }
  const empty = () => text() === ''
  return (
    <Switch fallback={<span>{text()}</span>}>
      <Match when={empty()}>
        <span class="muted">
          <span aria-hidden="true">—</span>
          <span class="visually-hidden">{i18n.t('common.empty')}</span>
        </span>
      </Match>
      <Match when={(props.field.type === 'belongsTo' || props.field.type === 'parent') && refPath()}>
        <A href={refPath()!}>{text()}</A>
      </Match>
      <Match when={props.field.type === 'file' && fileRef(props.value)}>
        {(file) => <FileLink file={file()} thumbnail={props.multiline} />}
      </Match>
      <Match when={props.field.type === 'email'}>
        <a href={`mailto:${props.value}`}>{text()}</a>
      </Match>
      <Match when={props.field.type === 'phone'}>
        <a href={`tel:${String(props.value).replace(/[^+\d]/g, '')}`}>{text()}</a>
      </Match>
      <Match when={props.field.type === 'url'}>
        <a href={String(props.value)} target="_blank" rel="noopener noreferrer">
          {text()}
        </a>
      </Match>
      <Match when={props.field.type === 'address' && props.multiline}>
        <address class="address">
          <For
            each={ADDRESS_PARTS.map((p) => (props.value as Record<string, string | null>)[p]).filter(Boolean)}
          >
            {(line) => <span>{line}</span>}
          </For>
        </address>
      </Match>
      <Match when={props.field.type === 'longText' && props.multiline}>
        <p class="pre-line">{text()}</p>
      </Match>
      <Match when={props.field.type === 'multiSelect'}>
        <span class="chips">
          <For each={props.value as string[]}>
            {(v) => <span class="chip">{session.labels().option(props.field, v)}</span>}
          </For>
        </span>
      </Match>
    </Switch>
  )
}
