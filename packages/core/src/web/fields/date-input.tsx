/**
 * Date and date-time inputs on the browser's own pickers; values are `YYYY-MM-DD` or ISO 8601.
 * @module
 */
import type { FieldWidgetProps } from '../plugins/define-web-plugin'

function toLocalDateTime(iso: unknown): string {
  if (typeof iso !== 'string' || !iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

export function DateInput(props: FieldWidgetProps) {
  const datetime = () => props.field.type === 'datetime'
  return (
    <input
      id={props.id}
      class="input input-date"
      type={datetime() ? 'datetime-local' : 'date'}
      value={datetime() ? toLocalDateTime(props.value) : ((props.value as string | null) ?? '')}
      required={props.field.required}
      disabled={props.disabled}
      aria-invalid={props.invalid || undefined}
      aria-describedby={props.describedBy}
      onInput={(e) => {
        const v = e.currentTarget.value
        props.onChange(datetime() && v ? new Date(v).toISOString() : v || null)
      }}
    />
  )
}
