/**
 * Integer, decimal, percent and money inputs. The user types in the local style (`1 234,56`); the value
 * stays a string until the validator normalises it, so amounts never pass through a float.
 * @module
 */
import type { Locale } from '../../plugin/define-plugin'
import { useI18n } from '../app/i18n-context'
import type { FieldWidgetProps } from '../plugins/define-web-plugin'

/** An API decimal (`1234.5`) as the user would type it in `locale`. */
export function toLocalNumber(value: unknown, locale: Locale): string {
  if (value === null || value === undefined) return ''
  const s = String(value)
  return locale === 'fr' && /^-?\d+(\.\d+)?$/.test(s) ? s.replace('.', ',') : s
}

/** Money as the user reads it, grouped in French (`1 234,50`), plain in English (`1234.50`) so it re-parses. */
export function formatMoneyInput(raw: string, locale: Locale): string {
  const s = raw.trim().replace(/\s/g, '').replace(',', '.')
  if (!/^-?\d+(\.\d+)?$/.test(s)) return raw
  const fmt = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    useGrouping: locale === 'fr',
  })
  return fmt.format(s as unknown as number)
}

export function NumberInput(props: FieldWidgetProps) {
  const { locale } = useI18n()
  const money = () => props.field.type === 'money'
  const suffix = () => (money() ? '€' : props.field.type === 'percent' ? '%' : '')
  const shown = () => {
    const v = props.value
    return typeof v === 'string' && /[\s,]/.test(v) ? v : toLocalNumber(v, locale())
  }
  return (
    <div class="input-group">
      <input
        id={props.id}
        class="input input-number"
        type="text"
        inputmode={props.field.type === 'integer' ? 'numeric' : 'decimal'}
        autocomplete="off"
        value={shown()}
        required={props.field.required}
        disabled={props.disabled}
        aria-invalid={props.invalid || undefined}
        aria-describedby={props.describedBy}
        onInput={(e) => props.onChange(e.currentTarget.value)}
        onBlur={(e) => {
          if (money() && e.currentTarget.value)
            props.onChange(formatMoneyInput(e.currentTarget.value, locale()))
        }}
      />
      {suffix() && (
        <span class="input-suffix" aria-hidden="true">
          {suffix()}
        </span>
      )}
    </div>
  )
}
