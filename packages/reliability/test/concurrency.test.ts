import { createTestCore, type TestClient, type TestCore } from '@comptoir/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PLUGINS } from '../src/plugins'
import { type SeededTenant, seedTenant } from '../src/seed-tenant'

let t: TestCore
let admin: TestClient
let seed: SeededTenant

beforeAll(async () => {
  t = await createTestCore({ plugins: PLUGINS, tenants: ['acme'] })
  admin = await t.as('acme')
  seed = await seedTenant(admin, 'Acme')
})
afterAll(() => t?.close())

const statuses = (rs: { status: number }[]) => rs.map((r) => r.status).sort()
const count = async (ref: string) =>
  (await admin.get(`/api/v1/records/${ref}?count=true&limit=1`)).body.total as number

describe(`concurrency on the real plugins (${process.env.COMPTOIR_TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('50 concurrent updates of one deal with the same version: one wins, 49 get 409, history has one entry', async () => {
    const id = seed.ids['deals.deal']
    const { version } = (await admin.get(`/api/v1/records/deals.deal/${id}`)).body
    const rs = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        admin.patch(`/api/v1/records/deals.deal/${id}`, { version, nextStep: `Relance ${i}` }),
      ),
    )
    expect(statuses(rs)).toEqual([200, ...Array(49).fill(409)])
    const after = (await admin.get(`/api/v1/records/deals.deal/${id}`)).body
    expect(after.version).toBe(version + 1)
    expect(after.nextStep).toBe(rs.find((r) => r.status === 200)!.body.nextStep)
    const history = (await admin.get(`/api/v1/records/deals.deal/${id}/history`)).body.data
    expect(history.filter((h: any) => h.action === 'update')).toHaveLength(1)
  })

  it('20 concurrent conversions of one lead: exactly one converts, one account, contact and deal appear', async () => {
    const lead = (
      await admin.post('/api/v1/records/leads.lead', { lastName: 'Concurrent', company: 'Course SARL' })
    ).body
    const before = await Promise.all(['accounts.account', 'contacts.contact', 'deals.deal'].map(count))
    const body = { deal: { name: 'Affaire course' } }
    const rs = await Promise.all(
      Array.from({ length: 20 }, () =>
        admin.post(`/api/v1/records/leads.lead/${lead.id}/actions/convert`, body),
      ),
    )
    expect(rs.filter((r) => r.status === 200)).toHaveLength(1)
    expect(rs.filter((r) => r.status !== 200).every((r) => r.status === 409)).toBe(true)
    const after = await Promise.all(['accounts.account', 'contacts.contact', 'deals.deal'].map(count))
    expect(after).toEqual(before.map((n) => n + 1))
    const converted = (await admin.get(`/api/v1/records/leads.lead/${lead.id}`)).body
    expect(converted.status).toBe('converted')
    expect(converted.convertedAccount.id).toBe(rs.find((r) => r.status === 200)!.body.account.id)
  })

  it('50 parallel creations, a fifth of them refused: the numbers of the others have no gap and no duplicate', async () => {
    const rs = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        admin.post(
          '/api/v1/records/leads.lead',
          i % 5 === 4
            ? { lastName: 'Refusé', company: 'X', siren: '123456789' }
            : { lastName: `Numéro ${i}`, company: 'Y' },
        ),
      ),
    )
    const ok = rs.filter((r) => r.status === 201)
    expect(ok).toHaveLength(40)
    expect(rs.filter((r) => r.status === 422)).toHaveLength(10)
    const numbers = ok.map((r) => Number(String(r.body.number).replace(/\D/g, ''))).sort((a, b) => a - b)
    expect(new Set(numbers).size).toBe(40)
    expect(numbers[39] - numbers[0]).toBe(39)
    const next = await admin.post('/api/v1/records/leads.lead', { lastName: 'Suivant', company: 'Z' })
    expect(Number(String(next.body.number).replace(/\D/g, ''))).toBe(numbers[39] + 1)
  })

  it('10 concurrent deletions and restores of one account with its contacts: one batch, restored whole', async () => {
    const acc = (await admin.post('/api/v1/records/accounts.account', { name: 'Corbeille concurrente' })).body
    for (let i = 0; i < 5; i++)
      await admin.post('/api/v1/records/contacts.contact', { lastName: `Enfant ${i}`, account: acc.id })
    const dels = await Promise.all(
      Array.from({ length: 10 }, () => admin.delete(`/api/v1/records/accounts.account/${acc.id}`)),
    )
    expect(dels.filter((r) => r.status === 200)).toHaveLength(1)
    expect(dels.find((r) => r.status === 200)!.body.count).toBe(6)
    const restores = await Promise.all(
      Array.from({ length: 10 }, () => admin.post(`/api/v1/trash/accounts.account/${acc.id}/restore`)),
    )
    expect(restores.filter((r) => r.status === 200)).toHaveLength(1)
    expect(restores.find((r) => r.status === 200)!.body.restored).toBe(6)
    expect(restores.filter((r) => r.status !== 200).every((r) => r.status === 404)).toBe(true)
    const children = await admin.get(
      `/api/v1/records/accounts.account/${acc.id}/related/contacts.contact.account`,
    )
    expect(children.body.data).toHaveLength(5)
  })
})
