import {
  frenchValidators,
  frenchVatNumber,
  isNafCode,
  isSiren,
  isSiret,
  isVatNumber,
  luhnValid,
} from '@comptoir/core'
import { describe, expect, it } from 'vitest'

// Real identities: SIREN 303 265 045 (its head office SIRET 303 265 045 00011) and Danone's 552 100 554.

describe('SIREN', () => {
  it('takes nine digits with a valid Luhn key', () => {
    expect(isSiren('303265045')).toBe(true)
    expect(isSiren('552100554')).toBe(true)
  })

  it('refuses a wrong key, another length or anything but digits', () => {
    expect(isSiren('303265046')).toBe(false)
    expect(isSiren('30326504')).toBe(false)
    expect(isSiren('3032650450')).toBe(false)
    expect(isSiren('30326504A')).toBe(false)
    expect(isSiren('303 265 045')).toBe(false)
  })
})

describe('SIRET', () => {
  it('takes fourteen digits with a valid Luhn key', () => {
    expect(isSiret('30326504500011')).toBe(true)
    expect(isSiret('30326504500012')).toBe(false)
    expect(isSiret('3032650450001')).toBe(false)
  })

  it('checks La Poste’s establishments by the sum of their digits, as INSEE does', () => {
    expect(luhnValid('35600000049837')).toBe(false)
    expect(isSiret('35600000049837')).toBe(true)
    expect(isSiret('35600000049838')).toBe(false)
  })
})

describe('intra-EU VAT number', () => {
  it('computes the French key from the SIREN', () => {
    expect(frenchVatNumber('303265045')).toBe('FR40303265045')
    expect(frenchVatNumber('552100554')).toBe('FR96552100554')
  })

  it('checks a French number’s key and SIREN, whatever the spaces and case', () => {
    expect(isVatNumber('FR40303265045')).toBe(true)
    expect(isVatNumber('fr 40 303 265 045')).toBe(true)
    expect(isVatNumber('FR41303265045')).toBe(false)
    expect(isVatNumber('FR40303265046')).toBe(false)
  })

  it('checks other member states by shape only', () => {
    expect(isVatNumber('DE123456789')).toBe(true)
    expect(isVatNumber('US123456789')).toBe(false)
  })
})

describe('NAF/APE code', () => {
  it('takes four digits and a letter, with or without the dot', () => {
    expect(isNafCode('62.01Z')).toBe(true)
    expect(isNafCode('6201z')).toBe(true)
    expect(isNafCode('6201')).toBe(false)
    expect(isNafCode('62.01ZZ')).toBe(false)
  })
})

describe('field validators', () => {
  it('answer the error code of an invalid value and nothing for a valid or empty one', () => {
    expect(frenchValidators.siren('123456789')).toBe('invalid_siren')
    expect(frenchValidators.siret('12345678901234')).toBe('invalid_siret')
    expect(frenchValidators.vatNumber('FR00123456789')).toBe('invalid_vat')
    expect(frenchValidators.naf('6201')).toBe('invalid_naf')
    expect(frenchValidators.siren('303265045')).toBeUndefined()
    expect(frenchValidators.siren(null)).toBeUndefined()
  })
})
