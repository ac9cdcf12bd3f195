/**
 * A polymorphic reference (`{ entity, id }`): choose the kind of record, then the record.
 * @module
 */
import { createSignal, For } from 'solid-js'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import type { FieldWidgetProps } from '../plugins/define-web-plugin'
import { ReferencePicker, searchRecords } from './reference-picker'

export function ParentPicker(props: FieldWidgetProps) {
  const { t } = useI18n()
  const session = useSession()
  const value = () => props.value as { entity?: string; id?: string; title?: string } | null
  const targets = () => {
    const all = Object.keys(session.bootstrap().entities)
    const allowed = props.field.targets?.length ? props.field.targets : all
    return allowed.filter((ref) => session.entity(ref))
  }
  const [entity, setEntity] = createSignal(value()?.entity ?? targets()[0] ?? '')
  return (
    <div class="parent-picker">
      <select
        class="input select"
        aria-label={t('field.parentKind', { label: props.label })}
        value={entity()}
        disabled={props.disabled}
        onChange={(e) => {
          setEntity(e.currentTarget.value)
          props.onChange(null)
        }}
      >
        <For each={targets()}>
          {(ref) => <option value={ref}>{session.labels().entity(session.entity(ref)!)}</option>}
        </For>
      </select>
      <ReferencePicker
        {...props}
        value={value() ? { id: value()!.id, title: value()!.title ?? value()!.id } : null}
        search={(q) => searchRecords(entity())(q)}
        onChange={(v) => props.onChange(v ? { entity: entity(), ...(v as object) } : null)}
      />
    </div>
  )
}
