/**
 * Inputs for fields with a fixed set of values: select, multi-select (a group of checkboxes) and boolean.
 * @module
 */
import { For } from 'solid-js'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import type { FieldWidgetProps } from '../plugins/define-web-plugin'

export function SelectInput(props: FieldWidgetProps) {
  const { t } = useI18n()
  const session = useSession()
  return (
    <select
      id={props.id}
      class="input select"
      value={(props.value as string | null) ?? ''}
      required={props.field.required}
      disabled={props.disabled}
      aria-invalid={props.invalid || undefined}
      aria-describedby={props.describedBy}
      onChange={(e) => props.onChange(e.currentTarget.value || null)}
    >
      <option value="">{t('field.choose')}</option>
      <For each={props.field.options ?? []}>
        {(o) => <option value={o.value}>{session.labels().option(props.field, o.value)}</option>}
      </For>
    </select>
  )
}

export function MultiSelectInput(props: FieldWidgetProps) {
  const session = useSession()
  const selected = () => (Array.isArray(props.value) ? (props.value as string[]) : [])
  const toggle = (value: string, on: boolean) =>
    props.onChange(on ? [...selected(), value] : selected().filter((v) => v !== value))
  return (
    <div class="checkbox-group" id={props.id} aria-describedby={props.describedBy}>
      <For each={props.field.options ?? []}>
        {(o) => (
          <label class="checkbox">
            <input
              type="checkbox"
              checked={selected().includes(o.value)}
              disabled={props.disabled}
              onChange={(e) => toggle(o.value, e.currentTarget.checked)}
            />
            <span>{session.labels().option(props.field, o.value)}</span>
          </label>
        )}
      </For>
    </div>
  )
}

export function BooleanInput(props: FieldWidgetProps) {
  return (
    <input
      id={props.id}
      class="checkbox-input"
      type="checkbox"
      checked={props.value === true}
      disabled={props.disabled}
      aria-describedby={props.describedBy}
      onChange={(e) => props.onChange(e.currentTarget.checked)}
    />
  )
}
