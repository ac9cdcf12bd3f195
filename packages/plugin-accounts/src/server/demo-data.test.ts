import { isSiren, isSiret, isVatNumber, validateRecord } from '@comptoir/core'
import { describe, expect, it } from 'vitest'
import { checkAccountIdentity } from '../entities/account-identity'
import { account } from '../entities/account'
import { demoSiren, demoSiret, generateAccounts, slugify, withLuhnKey } from './demo-data'
import { createRandom } from '@comptoir/core/server'

describe('generateAccounts', () => {
  const accounts = generateAccounts()

  it('makes about fifty accounts with unique names', () => {
    expect(accounts.length).toBeGreaterThanOrEqual(50)
    expect(new Set(accounts.map((a) => a.key)).size).toBe(accounts.length)
  })

  it('gives every account a valid SIREN, a SIRET of that SIREN and the matching VAT number', () => {
    for (const { data } of accounts) {
      expect(isSiren(data.siren), data.name).toBe(true)
      expect(isSiret(data.siret), data.name).toBe(true)
      expect(data.siret.startsWith(data.siren)).toBe(true)
      if (data.vatNumber) expect(isVatNumber(data.vatNumber), data.name).toBe(true)
      expect(checkAccountIdentity(data)).toEqual([])
    }
  })

  it('produces records the account entity accepts', () => {
    for (const { data } of accounts)
      expect(validateRecord(account.fields, data).errors, data.name).toEqual([])
  })

  it('declares parents before their subsidiaries', () => {
    accounts.forEach((a, i) => {
      if (a.parent) expect(accounts.slice(0, i).some((p) => p.key === a.parent)).toBe(true)
    })
  })

  it('is the same on every run', () => {
    expect(generateAccounts()).toEqual(accounts)
  })
})

describe('identity number helpers', () => {
  it('appends the Luhn key', () => {
    expect(withLuhnKey('30326504')).toBe('303265045')
  })

  it('never draws a La Poste SIREN and always a valid SIRET', () => {
    const random = createRandom(7)
    for (let i = 0; i < 500; i++) {
      const siren = demoSiren(random)
      expect(siren.startsWith('356')).toBe(false)
      expect(isSiret(demoSiret(siren, random))).toBe(true)
    }
  })

  it('turns company names into domain labels', () => {
    expect(slugify('Menuiserie Girard & Fils')).toBe('menuiserie-girard-et-fils')
    expect(slugify('L’Écho du Berry')).toBe('l-echo-du-berry')
  })
})
