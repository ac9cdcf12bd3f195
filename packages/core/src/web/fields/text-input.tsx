/**
 * One-line text, e-mail, phone and web address inputs.
 * @module
 */
import type { FieldWidgetProps } from '../plugins/define-web-plugin'

const INPUT_TYPE: Record<string, string> = { email: 'email', phone: 'tel', url: 'url' }
const AUTOCOMPLETE: Record<string, string> = { email: 'email', phone: 'tel', url: 'url' }

export function TextInput(props: FieldWidgetProps) {
  return (
    <input
      id={props.id}
      class="input"
      type={INPUT_TYPE[props.field.type] ?? 'text'}
      autocomplete={AUTOCOMPLETE[props.field.type] ?? 'off'}
      value={(props.value as string | null) ?? ''}
      maxLength={props.field.maxLength}
      required={props.field.required}
      disabled={props.disabled}
      aria-invalid={props.invalid || undefined}
      aria-describedby={props.describedBy}
      onInput={(e) => props.onChange(e.currentTarget.value)}
    />
  )
}

export function LongTextInput(props: FieldWidgetProps) {
  return (
    <textarea
      id={props.id}
      class="input textarea"
      rows={4}
      value={(props.value as string | null) ?? ''}
      required={props.field.required}
      disabled={props.disabled}
      aria-invalid={props.invalid || undefined}
      aria-describedby={props.describedBy}
      onInput={(e) => props.onChange(e.currentTarget.value)}
    />
  )
}
