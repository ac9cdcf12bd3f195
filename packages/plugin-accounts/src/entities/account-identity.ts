/**
 * Rules across the French identity fields of an account: the SIRET is an establishment of the SIREN,
 * and a French VAT number carries the SIREN with its key.
 * @module
 */
import { type FieldError, frenchVatNumber, type RecordData } from '@comptoir/core'

/** `fr 40 303 265 045` → `FR40303265045`. */
export function compactVatNumber(value: string): string {
  return value.replace(/[\s.-]/g, '').toUpperCase()
}

/** `6201z` or `62 01 Z` → `62.01Z`; anything else is returned unchanged. */
export function formatNafCode(value: string): string {
  const m = /^(\d{2})\.?(\d{2})([A-Z])$/.exec(value.replace(/\s/g, '').toUpperCase())
  return m ? `${m[1]}.${m[2]}${m[3]}` : value
}

/**
 * Cross-field checks, run after each field's own validator: only well-formed values reach here, so a
 * mismatch is reported on the dependent field and never hides a format error.
 */
export function checkAccountIdentity(record: RecordData): FieldError[] {
  const errors: FieldError[] = []
  const siren = typeof record.siren === 'string' ? record.siren : null
  if (!siren) return errors
  if (typeof record.siret === 'string' && record.siret && !record.siret.startsWith(siren)) {
    errors.push({ path: 'siret', code: 'siret_siren_mismatch' })
  }
  if (typeof record.vatNumber === 'string' && record.vatNumber) {
    const vat = compactVatNumber(record.vatNumber)
    if (vat.startsWith('FR') && vat !== frenchVatNumber(siren)) {
      errors.push({ path: 'vatNumber', code: 'vat_siren_mismatch' })
    }
  }
  return errors
}
