import { describe, expect, it } from 'vitest'
import { checkAccountIdentity, compactVatNumber, formatNafCode } from './account-identity'

// A well-known valid identity: SIREN 303 265 045, its VAT key 40.
const siren = '303265045'

describe('checkAccountIdentity', () => {
  it('accepts a SIRET of the SIREN and the VAT number computed from it', () => {
    expect(checkAccountIdentity({ siren, siret: '30326504500011', vatNumber: 'FR40303265045' })).toEqual([])
  })

  it('accepts the VAT number typed with spaces and lower case', () => {
    expect(checkAccountIdentity({ siren, vatNumber: 'fr 40 303 265 045' })).toEqual([])
  })

  it('reports a SIRET of another company on the siret field', () => {
    expect(checkAccountIdentity({ siren, siret: '73282932000074' })).toEqual([
      { path: 'siret', code: 'siret_siren_mismatch' },
    ])
  })

  it('reports a French VAT number of another company on the vatNumber field', () => {
    expect(checkAccountIdentity({ siren, vatNumber: 'FR44732829320' })).toEqual([
      { path: 'vatNumber', code: 'vat_siren_mismatch' },
    ])
  })

  it('leaves foreign VAT numbers and accounts without SIREN alone', () => {
    expect(checkAccountIdentity({ siren, vatNumber: 'DE123456789' })).toEqual([])
    expect(checkAccountIdentity({ siret: '73282932000074', vatNumber: 'FR40303265045' })).toEqual([])
  })
})

describe('identity formats', () => {
  it('compacts VAT numbers', () => {
    expect(compactVatNumber('fr 40.303-265 045')).toBe('FR40303265045')
  })

  it('writes NAF codes with their dot', () => {
    expect(formatNafCode('6201z')).toBe('62.01Z')
    expect(formatNafCode('62 01 Z')).toBe('62.01Z')
    expect(formatNafCode('62.01Z')).toBe('62.01Z')
  })
})
