import accounts from '@comptoir/plugin-accounts/server'
import contacts from '@comptoir/plugin-contacts/server'
import { createTestCore, type TestClient, type TestCore } from '@comptoir/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import deals from '../src/server/index'

const ACCOUNTS = '/api/v1/records/accounts.account'
const DEALS = '/api/v1/records/deals.deal'
const STAGES = '/api/v1/records/deals.stage'

let t: TestCore
let admin: TestClient
const stage: Record<string, string> = {}
let account: any

beforeAll(async () => {
  t = await createTestCore({ plugins: [accounts, contacts, deals], tenants: ['acme', 'initech'] })
  admin = await t.as('acme')
  for (const s of (await admin.get(`${STAGES}?sort=position`)).body.data) stage[s.name] = s.id
  account = (await admin.post(ACCOUNTS, { name: 'Tonnellerie Marchand' })).body
})
afterAll(() => t?.close())

describe('hidden amount', () => {
  let deal: any
  let clerk: TestClient

  beforeAll(async () => {
    const r = await admin.post(DEALS, {
      name: 'Fûts de chêne',
      account: account.id,
      stage: stage.Proposition,
      amount: '48000.00',
      closeDate: '2027-02-28',
    })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    deal = r.body
    clerk = await t.as('acme', {
      grants: {
        'deals.deal.read': 'all',
        'deals.deal.create': 'all',
        'deals.deal.update': 'all',
        'deals.stage.read': 'all',
        'accounts.account.read': 'all',
      },
      fields: { 'deals.deal.amount': 'hidden' },
    })
  })

  it('is absent from the record, the list and the metadata', async () => {
    const one = await clerk.get(`${DEALS}/${deal.id}`)
    expect(one.body.name).toBe('Fûts de chêne')
    expect(one.body).not.toHaveProperty('amount')
    const list = await clerk.get(DEALS)
    expect(list.body.data.map((d: any) => d.name)).toEqual(['Fûts de chêne'])
    for (const d of list.body.data) expect(d).not.toHaveProperty('amount')
    const boot = await clerk.get('/api/v1/bootstrap')
    expect(Object.keys(boot.body.entities['deals.deal'].fields)).not.toContain('amount')
  })

  it('cannot be filtered or sorted on', async () => {
    expect((await clerk.get(`${DEALS}?filter[amount][gte]=40000`)).status).toBe(400)
    expect((await clerk.get(`${DEALS}?sort=-amount`)).status).toBe(400)
  })

  it('is refused on write with a 403 naming it, the rest of the deal staying writable', async () => {
    const refused = await clerk.patch(`${DEALS}/${deal.id}`, { amount: '1', version: deal.version })
    expect(refused.status).toBe(403)
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'amount' })])
    const moved = await clerk.patch(`${DEALS}/${deal.id}`, {
      stage: stage.Négociation,
      version: deal.version,
    })
    expect(moved.status, JSON.stringify(moved.body)).toBe(200)
    expect((await admin.get(`${DEALS}/${deal.id}`)).body).toMatchObject({
      amount: '48000.00',
      probability: '75.00',
    })
  })
})

describe('team scope', () => {
  it('lets sales reps read their team’s deals and change only their own; managers change all', async () => {
    const ana = await t.as('initech', { roles: ['sales-rep'] })
    const bruno = await t.as('initech', { roles: ['sales-rep'], teamWith: [ana.userId] })
    const loner = await t.as('initech', { roles: ['sales-rep'] })
    const manager = await t.as('initech', { roles: ['sales-manager'] })
    const boss = await t.as('initech')
    const stages = (await boss.get(`${STAGES}?sort=position`)).body.data
    const open = stages[0].id
    const create = async (c: TestClient, name: string) => {
      const client = (await c.post(ACCOUNTS, { name: `Client de ${name}` })).body
      const r = await c.post(DEALS, { name, account: client.id, stage: open, closeDate: '2027-01-31' })
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      return r.body
    }
    const a = await create(ana, 'Pressoir neuf')
    const b = await create(bruno, 'Cuves inox')
    const l = await create(loner, 'Étiquettes')
    const names = async (c: TestClient) =>
      (await c.get(DEALS)).body.data
        .map((d: any) => d.name)
        .sort((x: string, y: string) => x.localeCompare(y, 'fr'))

    expect(await names(ana)).toEqual(['Cuves inox', 'Pressoir neuf'])
    expect(await names(bruno)).toEqual(['Cuves inox', 'Pressoir neuf'])
    expect(await names(loner)).toEqual(['Étiquettes'])
    expect(await names(manager)).toEqual(['Cuves inox', 'Étiquettes', 'Pressoir neuf'])

    expect((await ana.get(`${DEALS}/${l.id}`)).status).toBe(404)
    expect((await ana.patch(`${DEALS}/${b.id}`, { nextStep: 'Relancer', version: b.version })).status).toBe(
      403,
    )
    expect((await ana.patch(`${DEALS}/${a.id}`, { nextStep: 'Relancer', version: a.version })).status).toBe(
      200,
    )
    expect((await manager.patch(`${DEALS}/${l.id}`, { nextStep: 'Visite', version: l.version })).status).toBe(
      200,
    )
  })
})
