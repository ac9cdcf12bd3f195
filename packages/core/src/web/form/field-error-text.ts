/**
 * The message for one field error: the server's own message when it sent one, else the core message for
 * the validator's code (`required`, `invalid_email`, …) with its parameters.
 * @module
 */
import type { FieldError } from '../../errors'
import type { I18n } from '../app/i18n-context'
import type { MessageKey } from '../i18n/translator'
import { fr } from '../i18n/fr'

export function fieldErrorText(i18n: Pick<I18n, 't'>, error: FieldError): string {
  if (error.message) return error.message
  const key = `error.field.${error.code}`
  if (!(key in fr)) return i18n.t('error.field.invalid')
  const params = Object.fromEntries(
    Object.entries(error.params ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]),
  )
  return i18n.t(key as MessageKey, params)
}
