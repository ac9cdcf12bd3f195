import { validateRecord } from '@comptoir/core'
import { describe, expect, it } from 'vitest'
import { contact } from '../entities/contact'
import { type AccountSeed, domainOf, emailLocalPart, generateContacts, spread } from './demo-data'
import { createRandom } from '@comptoir/core/server'

const accounts: AccountSeed[] = Array.from({ length: 50 }, (_, i) => ({
  id: `0193a1b2-c3d4-7e5f-8a9b-${String(i).padStart(12, '0')}`,
  name: `Société ${i}`,
  type: i % 3 === 0 ? 'customer' : 'prospect',
  website: `https://www.societe-${i}.fr`,
  phone: '+33 4 78 12 34 56',
  billingAddress: { street: '3 rue Pasteur', postalCode: '69003', city: 'Lyon', country: 'France' },
}))
const today = new Date('2026-11-27T10:00:00Z')

describe('generateContacts', () => {
  const contacts = generateContacts(accounts, today)

  it('makes 150 contacts, at least one per account', () => {
    expect(contacts).toHaveLength(150)
    for (const a of accounts) expect(contacts.some((c) => c.data.account === a.id)).toBe(true)
  })

  it('produces records the contact entity accepts, consent rule included', () => {
    for (const { data } of contacts) {
      expect(validateRecord(contact.fields, data).errors, data.email).toEqual([])
      expect(contact.validate?.(data, { op: 'create' }), data.email).toBeUndefined()
    }
  })

  it('derives unique, accent-free e-mail addresses from the names and the account domain', () => {
    const emails = contacts.map((c) => c.data.email)
    expect(new Set(emails).size).toBe(emails.length)
    for (const { data } of contacts) {
      const account = accounts.find((a) => a.id === data.account)!
      expect(data.email).toBe(
        `${emailLocalPart(data.firstName, data.lastName)}@${domainOf(account.website, '')}`,
      )
      expect(data.email).toMatch(/^[a-z0-9.-]+@[a-z0-9.-]+$/)
    }
  })

  it('makes people report to the head of their own account', () => {
    for (const c of contacts) {
      if (c.reportsTo === undefined) continue
      const head = contacts[c.reportsTo]
      expect(head.reportsTo).toBeUndefined()
      expect(head.data.account).toBe(c.data.account)
    }
  })

  it('is the same on every run', () => {
    expect(generateContacts(accounts, today)).toEqual(contacts)
  })
})

describe('helpers', () => {
  it('writes e-mail local parts without accents or spaces', () => {
    expect(emailLocalPart('Marie-Hélène', 'Le Gall')).toBe('marie-helene.le-gall')
    expect(emailLocalPart('Zoé', 'Lécuyer')).toBe('zoe.lecuyer')
  })

  it('spreads people over accounts', () => {
    const counts = spread(150, 50, createRandom(1))
    expect(counts.reduce((a, b) => a + b, 0)).toBe(150)
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1)
  })
})

describe('contact rules', () => {
  it('asks for the consent date when the lawful basis is consent', () => {
    expect(contact.validate?.({ lawfulBasis: 'consent' }, { op: 'create' })).toEqual([
      { path: 'consentDate', code: 'consent_date_required' },
    ])
    expect(
      contact.validate?.({ lawfulBasis: 'consent', consentDate: '2026-01-05' }, { op: 'create' }),
    ).toBeUndefined()
  })
})
