import accounts from '@comptoir/plugin-accounts/server'
import contacts from '@comptoir/plugin-contacts/server'
import deals from '@comptoir/plugin-deals/server'
import { createTestCore, type TestClient, type TestCore } from '@comptoir/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import leads from '../src/server/index'

const ACCOUNTS = '/api/v1/records/accounts.account'
const CONTACTS = '/api/v1/records/contacts.contact'
const DEALS = '/api/v1/records/deals.deal'
const LEADS = '/api/v1/records/leads.lead'
const convertPath = (id: string) => `${LEADS}/${id}/actions/convert`

let t: TestCore
let admin: TestClient
const stage: Record<string, string> = {}

beforeAll(async () => {
  t = await createTestCore({ plugins: [accounts, contacts, leads, deals] })
  admin = await t.as('acme')
  for (const s of (await admin.get('/api/v1/records/deals.stage')).body.data) stage[s.name] = s.id
})
afterAll(() => t?.close())

const ADDRESS = {
  street: '3 rue Pasteur',
  postalCode: '49000',
  city: 'Angers',
  region: 'Pays de la Loire',
  country: 'France',
}

async function lead(data: Record<string, unknown> = {}, client = admin) {
  const r = await client.post(LEADS, {
    salutation: 'mrs',
    firstName: 'Élodie',
    lastName: 'Martin',
    company: 'Menuiserie Martin',
    title: 'Gérante',
    email: 'elodie.martin@menuiserie-martin.fr',
    phone: '+33 2 41 12 34 56',
    mobile: '+33 6 12 34 56 78',
    website: 'https://www.menuiserie-martin.fr',
    leadSource: 'trade_show',
    industry: 'construction',
    status: 'qualified',
    annualRevenue: '850000.00',
    employees: 9,
    siren: '303265045',
    siret: '30326504500011',
    address: ADDRESS,
    description: 'Rencontrée sur le salon Batimat.',
    ...data,
  })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return r.body
}

async function count(path: string, value: string) {
  const field = path === CONTACTS ? 'lastName' : 'name'
  return (await admin.get(`${path}?filter[${field}][eq]=${encodeURIComponent(value)}&count=true`)).body.total
}

describe('the conversion is one transaction', () => {
  it('leaves nothing behind when the deal is refused', async () => {
    const l = await lead({ company: 'Transports Vidal', lastName: 'Vidal', email: 'vidal@transports.fr' })
    const attempts = [
      {
        deal: { stage: '0193a1b2-c3d4-7e5f-8a9b-00000000dead' },
        path: 'deal.stage',
        code: 'reference_not_found',
      },
      { deal: { stage: stage.Perdue }, path: 'deal.lostReason', code: 'required_when_lost' },
      { deal: { amount: '-5' }, path: 'deal.amount', code: 'too_small' },
    ]
    for (const a of attempts) {
      const r = await admin.post(convertPath(l.id), { deal: a.deal })
      expect(r.status).toBe(422)
      expect(r.body.errors).toEqual([expect.objectContaining({ path: a.path, code: a.code })])
    }
    expect(await count(ACCOUNTS, 'Transports Vidal')).toBe(0)
    expect(await count(CONTACTS, 'Vidal')).toBe(0)
    expect(await count(DEALS, 'Transports Vidal')).toBe(0)
    expect((await admin.get(`${LEADS}/${l.id}`)).body).toEqual(l)
  })

  it('leaves nothing behind when the account is refused', async () => {
    const l = await lead({ company: 'Hôtel du Parc', lastName: 'Parc', email: 'hotel@du-parc.fr' })
    const r = await admin.post(convertPath(l.id), {
      account: { data: { siret: '73282932000074' } },
      deal: { name: 'Chambres' },
    })
    expect(r.status).toBe(422)
    expect(r.body.errors[0]).toMatchObject({ path: 'account.siret', code: 'siret_siren_mismatch' })
    expect(await count(ACCOUNTS, 'Hôtel du Parc')).toBe(0)
    expect((await admin.get(`${LEADS}/${l.id}`)).body).toEqual(l)
  })

  it('lets exactly one of concurrent conversions of a lead win', async () => {
    const l = await lead({
      company: 'Imprimerie Concurrente',
      lastName: 'Concurrent',
      email: 'c@imprimerie.fr',
    })
    const results = await Promise.all(
      Array.from({ length: 5 }, () => admin.post(convertPath(l.id), { deal: { name: 'Presse numérique' } })),
    )
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409])
    for (const r of results.filter((x) => x.status === 409))
      expect(r.body.code).toBe('lead-already-converted')
    expect(await count(ACCOUNTS, 'Imprimerie Concurrente')).toBe(1)
    expect(await count(CONTACTS, 'Concurrent')).toBe(1)
    expect(await count(DEALS, 'Presse numérique')).toBe(1)
    const winner = results.find((r) => r.status === 200)!.body
    expect((await admin.get(`${LEADS}/${l.id}`)).body.convertedAccount.id).toBe(winner.account.id)
  })
})

describe('rights', () => {
  it('needs the convert permission', async () => {
    const l = await lead({ company: 'Plomberie Fabre', lastName: 'Fabre', email: 'fabre@plomberie.fr' })
    const clerk = await t.as('acme', {
      grants: { 'leads.lead.read': 'all', 'leads.lead.update': 'all' },
    })
    const r = await clerk.post(convertPath(l.id), {})
    expect(r.status).toBe(403)
    expect(r.body.permission).toBe('leads.lead.convert')
    const boot = (await clerk.get('/api/v1/bootstrap')).body
    expect(boot.entities['leads.lead'].actions).toEqual([])
    expect(await count(ACCOUNTS, 'Plomberie Fabre')).toBe(0)
  })

  it('lets a sales rep convert their own leads only, owning what the conversion creates', async () => {
    const rep = await t.as('acme', { roles: ['sales-rep'] })
    const mate = await t.as('acme', { roles: ['sales-rep'], teamWith: [rep.userId] })
    const mine = await lead({ company: 'Électricité Bonnet', lastName: 'Bonnet', email: 'b@bonnet.fr' }, rep)
    const theirs = await lead({ company: 'Paysages Colin', lastName: 'Colin', email: 'c@colin.fr' }, mate)
    expect((await rep.get(`${LEADS}/${theirs.id}`)).status).toBe(200)
    const denied = await rep.post(convertPath(theirs.id), {})
    expect(denied.status).toBe(403)
    const ok = await rep.post(convertPath(mine.id), { deal: { name: 'Tableau électrique' } })
    expect(ok.status, JSON.stringify(ok.body)).toBe(200)
    for (const r of [ok.body.account, ok.body.contact, ok.body.deal]) expect(r.owner.id).toBe(rep.userId)
  })
})

describe('without the deals plugin', () => {
  it('converts without a deal and refuses one cleanly', async () => {
    const other = await t.as('globex')
    expect((await other.post('/api/v1/admin/plugins/deals/disable')).status).toBe(200)
    const l = await lead(
      { company: 'Auto-école du Centre', lastName: 'Centre', email: 'ae@centre.fr' },
      other,
    )
    const refused = await other.post(convertPath(l.id), { deal: { name: 'Flotte' } })
    expect(refused.status).toBe(422)
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        path: 'deal',
        code: 'deals_not_enabled',
        message: 'Le module Affaires n’est pas activé.',
      }),
    ])
    expect((await other.get(`${ACCOUNTS}?filter[name][eq]=Auto-école du Centre`)).body.data).toEqual([])
    const ok = await other.post(convertPath(l.id), {})
    expect(ok.status).toBe(200)
    expect(ok.body.deal).toBeNull()
    expect((await other.get(`${LEADS}/${l.id}`)).body.convertedDeal).toBeNull()
  })
})
