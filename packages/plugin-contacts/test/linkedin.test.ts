import accounts from '@comptoir/plugin-accounts/server'
import { createTestCore, type TestClient, type TestCore } from '@comptoir/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import contacts from '../src/server/index'

const CONTACTS = '/api/v1/records/contacts.contact'

let t: TestCore
let admin: TestClient

beforeAll(async () => {
  t = await createTestCore({ plugins: [accounts, contacts] })
  admin = await t.as('acme')
})
afterAll(() => t?.close())

describe('LinkedIn profile', () => {
  it('completes an address typed without its scheme', async () => {
    const r = await admin.post(CONTACTS, { lastName: 'Martel', linkedin: 'fr.linkedin.com/in/paul-martel' })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    expect(r.body.linkedin).toBe('https://fr.linkedin.com/in/paul-martel')
  })

  it('keeps a profile address and gives it back', async () => {
    const url = 'https://www.linkedin.com/in/claire-dubois-rh'
    const r = await admin.post(CONTACTS, { firstName: 'Claire', lastName: 'Dubois', linkedin: url })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    expect((await admin.get(`${CONTACTS}/${r.body.id}`)).body.linkedin).toBe(url)
    const cleared = await admin.patch(`${CONTACTS}/${r.body.id}`, { linkedin: null, version: r.body.version })
    expect(cleared.status).toBe(200)
    expect(cleared.body.linkedin).toBeNull()
  })

  it('refuses what is not a web address, naming the field, and writes nothing', async () => {
    for (const linkedin of [
      'javascript:alert(1)',
      'ftp://linkedin.com/in/x',
      'https://exemple.fr/in/claire',
    ]) {
      const r = await admin.post(CONTACTS, { lastName: 'Lefèvre', linkedin })
      expect(r.status, linkedin).toBe(422)
      expect(r.body.errors).toEqual([
        expect.objectContaining({ path: 'linkedin', message: expect.any(String) }),
      ])
    }
    const other = await admin.post(CONTACTS, {
      lastName: 'Lefèvre',
      linkedin: 'https://notlinkedin.com/in/x',
    })
    expect(other.body.errors[0].message).toBe(
      'Adresse de profil LinkedIn invalide (ex. https://www.linkedin.com/in/nom).',
    )
    expect((await admin.get(`${CONTACTS}?filter[lastName][eq]=Lefèvre`)).body.data).toEqual([])
  })
})
