import accounts from '@comptoir/plugin-accounts/server'
import contacts from '@comptoir/plugin-contacts/server'
import { createTestCore, type TestClient, type TestCore } from '@comptoir/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import deals from '../src/server/index'

const ACCOUNTS = '/api/v1/records/accounts.account'
const CONTACTS = '/api/v1/records/contacts.contact'
const DEALS = '/api/v1/records/deals.deal'

let t: TestCore
let admin: TestClient

beforeAll(async () => {
  t = await createTestCore({ plugins: [accounts, contacts, deals] })
  admin = await t.as('acme')
})
afterAll(() => t?.close())

async function create(path: string, data: Record<string, unknown>) {
  const r = await admin.post(path, data)
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return r.body
}

const ids = (r: { body: { data: { id: string }[] } }) => r.body.data.map((x) => x.id).sort()
const searchIds = async (q: string) =>
  JSON.stringify((await admin.get(`/api/v1/search?q=${encodeURIComponent(q)}`)).body)

describe('trashing an account with its contacts and deals', () => {
  it('moves them all to the trash as one batch and restores every field and link', async () => {
    const stages = (await admin.get('/api/v1/records/deals.stage?sort=position')).body.data
    const byName = Object.fromEntries(stages.map((s: any) => [s.name, s.id]))
    const acc = await create(ACCOUNTS, {
      name: 'Transports Rouxel',
      siren: '303265045',
      vatNumber: 'FR40303265045',
      type: 'customer',
      annualRevenue: '4800000.00',
      billingAddress: {
        street: '12 rue des Tanneurs',
        postalCode: '35000',
        city: 'Rennes',
        country: 'France',
      },
    })
    const partner = await create(ACCOUNTS, { name: 'Logistique Express Nord' })
    const boss = await create(CONTACTS, { firstName: 'Hélène', lastName: 'Rouxel', account: acc.id })
    const clerk = await create(CONTACTS, {
      firstName: 'Marc',
      lastName: 'Le Gall',
      account: acc.id,
      reportsTo: boss.id,
      lawfulBasis: 'consent',
      consentDate: '2026-02-03',
    })
    await admin.post(`${CONTACTS}/${clerk.id}/links/accounts`, { target: partner.id, role: 'buyer' })
    const open = await create(DEALS, {
      name: 'Location longue durée de véhicules',
      account: acc.id,
      contact: boss.id,
      stage: byName.Négociation,
      amount: '64000.00',
      closeDate: '2026-12-20',
      nextStep: 'Visite de l’atelier',
    })
    const lost = await create(DEALS, {
      name: 'Audit énergétique Rouxel',
      account: acc.id,
      stage: byName.Perdue,
      lostReason: 'Prix trop élevé',
      closeDate: '2026-06-30',
    })
    const records: [string, string][] = [
      [ACCOUNTS, acc.id],
      [CONTACTS, boss.id],
      [CONTACTS, clerk.id],
      [DEALS, open.id],
      [DEALS, lost.id],
    ]
    const snapshot = async () =>
      Promise.all(records.map(async ([p, id]) => (await admin.get(`${p}/${id}`)).body))
    const before = await snapshot()
    expect(await searchIds('Location longue')).toContain(open.id)

    const del = await admin.delete(`${ACCOUNTS}/${acc.id}`)
    expect(del.status).toBe(200)
    expect(del.body.count).toBe(5)
    for (const [p, id] of records) expect((await admin.get(`${p}/${id}`)).status).toBe(404)
    expect(ids(await admin.get(`${DEALS}?filter[account][eq]=${acc.id}`))).toEqual([])
    expect(ids(await admin.get(CONTACTS))).not.toContain(boss.id)
    expect(ids(await admin.get(`${ACCOUNTS}/${partner.id}/related/link.accounts.inverse`))).toEqual([])
    for (const q of ['Rouxel', 'Location longue', 'Le Gall']) {
      const found = await searchIds(q)
      for (const [, id] of records) expect(found).not.toContain(id)
    }
    const trash = await admin.get('/api/v1/trash?q=Transports Rouxel')
    expect(trash.body.data[0]).toMatchObject({
      id: acc.id,
      root: true,
      batchSize: 5,
      batchId: del.body.batchId,
    })
    const trashedDeals = await admin.get('/api/v1/trash?entity=deals.deal')
    expect(trashedDeals.body.data.map((x: any) => x.id)).toEqual(expect.arrayContaining([open.id, lost.id]))
    const alone = await admin.post(`/api/v1/trash/deals.deal/${open.id}/restore`)
    expect(alone.status).toBe(409)
    expect(alone.body.code).toBe('parent-in-trash')

    const restored = await admin.post(`/api/v1/trash/accounts.account/${acc.id}/restore`)
    expect(restored.body.restored).toBe(5)
    expect(await snapshot()).toEqual(before)
    expect(ids(await admin.get(`${ACCOUNTS}/${acc.id}/related/deals.deal.account`))).toEqual(
      [open.id, lost.id].sort(),
    )
    expect(ids(await admin.get(`${ACCOUNTS}/${acc.id}/related/contacts.contact.account`))).toEqual(
      [boss.id, clerk.id].sort(),
    )
    expect(ids(await admin.get(`${CONTACTS}/${boss.id}/related/deals.deal.contact`))).toEqual([open.id])
    expect(ids(await admin.get(`${CONTACTS}/${boss.id}/related/contacts.contact.reportsTo`))).toEqual([
      clerk.id,
    ])
    const links = await admin.get(`${CONTACTS}/${clerk.id}/related/link.accounts`)
    expect(links.body.data.map((x: any) => [x.id, x._linkRole])).toEqual([[partner.id, 'buyer']])
    expect(await searchIds('Location longue')).toContain(open.id)
    expect((await admin.get('/api/v1/trash?q=Rouxel')).body.data).toEqual([])
    const history = await admin.get(`${DEALS}/${open.id}/history`)
    expect(history.body.data.map((h: any) => h.action)).toEqual(expect.arrayContaining(['delete', 'restore']))
  })
})
