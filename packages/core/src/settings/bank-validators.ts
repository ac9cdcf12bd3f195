/**
 * IBAN (ISO 13616: country, two check digits, mod-97 = 1) and BIC (ISO 9362: 8 or 11 characters)
 * validators, returning an error code like the other field validators.
 * @module
 */

export function isIban(value: string): boolean {
  const v = value.replace(/\s/g, '').toUpperCase()
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(v)) return false
  const moved = v.slice(4) + v.slice(0, 4)
  let rest = 0
  for (const ch of moved) {
    const n = ch >= 'A' ? ch.charCodeAt(0) - 55 : Number(ch)
    rest = (rest * (n > 9 ? 100 : 10) + n) % 97
  }
  return rest === 1
}

export function isBic(value: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(value.replace(/\s/g, '').toUpperCase())
}

export const bankValidators = {
  iban: (v: unknown) => (typeof v === 'string' && !isIban(v) ? 'invalid_iban' : undefined),
  bic: (v: unknown) => (typeof v === 'string' && !isBic(v) ? 'invalid_bic' : undefined),
}
