/**
 * French identity numbers: SIREN (9 digits), SIRET (14 digits), both with the Luhn key; the
 * intra-EU VAT number computed from the SIREN; the NAF/APE code. Field validators return an error code.
 * @module
 */

/** Luhn check over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

export function isSiren(value: string): boolean {
  return /^\d{9}$/.test(value) && luhnValid(value)
}

/** SIRET: SIREN + NIC. La Poste's establishments (SIREN 356000000) use a digit-sum rule instead of Luhn. */
export function isSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false
  if (value.startsWith('356000000')) return [...value].reduce((s, c) => s + Number(c), 0) % 5 === 0
  return luhnValid(value)
}

/** The French VAT number of a SIREN: `FR` + key + SIREN, key = (12 + 3 × (SIREN mod 97)) mod 97. */
export function frenchVatNumber(siren: string): string {
  const key = (12 + 3 * (Number(siren) % 97)) % 97
  return `FR${String(key).padStart(2, '0')}${siren}`
}

/** Intra-EU VAT number: French ones are checked against their SIREN key; others by shape. */
export function isVatNumber(value: string): boolean {
  const v = value.replace(/\s/g, '').toUpperCase()
  if (v.startsWith('FR')) {
    const m = /^FR(\d{2})(\d{9})$/.exec(v)
    return !!m && isSiren(m[2]) && frenchVatNumber(m[2]) === v
  }
  return /^(AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI)[0-9A-Z+*]{2,13}$/.test(
    v,
  )
}

/** NAF rév. 2 code: `62.01Z` (the dot is optional on input). */
export function isNafCode(value: string): boolean {
  return /^\d{2}\.?\d{2}[A-Z]$/.test(value.toUpperCase())
}

export const frenchValidators = {
  siren: (v: unknown) => (typeof v === 'string' && !isSiren(v) ? 'invalid_siren' : undefined),
  siret: (v: unknown) => (typeof v === 'string' && !isSiret(v) ? 'invalid_siret' : undefined),
  vatNumber: (v: unknown) => (typeof v === 'string' && !isVatNumber(v) ? 'invalid_vat' : undefined),
  naf: (v: unknown) => (typeof v === 'string' && !isNafCode(v) ? 'invalid_naf' : undefined),
}
