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

describe('converting a lead', () => {
  let source: any
  let result: any

  beforeAll(async () => {
    source = await lead()
    const r = await admin.post(convertPath(source.id), {
      deal: { name: 'Équipement de l’atelier', amount: '15000', closeDate: '2027-01-31' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    result = r.body
  })

  it('creates the account from the company, with its identity, address and figures', async () => {
    const account = (await admin.get(`${ACCOUNTS}/${result.account.id}`)).body
    expect(account).toMatchObject({
      name: 'Menuiserie Martin',
      number: expect.stringMatching(/^ACC-\d{5}$/),
      siren: '303265045',
      siret: '30326504500011',
      vatNumber: 'FR40303265045',
      industry: 'construction',
      phone: '+33 2 41 12 34 56',
      website: 'https://www.menuiserie-martin.fr',
      annualRevenue: '850000.00',
      employees: 9,
      billingAddress: ADDRESS,
    })
  })

  it('creates the contact at that account', async () => {
    const contact = (await admin.get(`${CONTACTS}/${result.contact.id}`)).body
    expect(contact).toMatchObject({
      salutation: 'mrs',
      firstName: 'Élodie',
      lastName: 'Martin',
      title: 'Gérante',
      account: { id: result.account.id, title: 'Menuiserie Martin' },
      email: 'elodie.martin@menuiserie-martin.fr',
      officePhone: '+33 2 41 12 34 56',
      mobile: '+33 6 12 34 56 78',
      leadSource: 'trade_show',
      mailingAddress: ADDRESS,
      description: 'Rencontrée sur le salon Batimat.',
    })
  })

  it('creates the deal in the first open stage, for the account and the contact', async () => {
    const deal = (await admin.get(`${DEALS}/${result.deal.id}`)).body
    expect(deal).toMatchObject({
      name: 'Équipement de l’atelier',
      account: { id: result.account.id },
      contact: { id: result.contact.id },
      stage: { id: stage.Prospection },
      probability: '10.00',
      amount: '15000.00',
      weightedAmount: '1500.00',
      closeDate: '2027-01-31',
      type: 'new_business',
      leadSource: 'trade_show',
    })
  })

  it('marks the lead converted, with links to what it became, and makes it read-only', async () => {
    const after = (await admin.get(`${LEADS}/${source.id}`)).body
    expect(after).toMatchObject({
      status: 'converted',
      convertedAt: expect.any(String),
      convertedAccount: { id: result.account.id, title: 'Menuiserie Martin' },
      convertedContact: { id: result.contact.id, title: 'Élodie Martin' },
      convertedDeal: { entity: 'deals.deal', id: result.deal.id },
    })
    const edit = await admin.patch(`${LEADS}/${source.id}`, { version: after.version, title: 'Directrice' })
    expect(edit.status).toBe(409)
    expect(edit.body.code).toBe('lead-converted-read-only')
    expect(edit.body.title).toBe('Une piste convertie ne peut plus être modifiée.')
    const fromAccount = await admin.get(
      `${ACCOUNTS}/${result.account.id}/related/leads.lead.convertedAccount`,
    )
    expect(fromAccount.body.data.map((x: any) => x.id)).toEqual([source.id])
  })

  it('writes history notes on the lead and on what it created', async () => {
    const leadHistory = (await admin.get(`${LEADS}/${source.id}/history`)).body.data
    expect(leadHistory.map((h: any) => h.note?.key)).toContain('leads:history.convertedWithDeal')
    for (const [path, id] of [
      [ACCOUNTS, result.account.id],
      [CONTACTS, result.contact.id],
      [DEALS, result.deal.id],
    ]) {
      const created = (await admin.get(`${path}/${id}/history`)).body.data.find(
        (h: any) => h.action === 'create',
      )
      expect(created.note).toMatchObject({
        key: 'leads:history.createdFromLead',
        params: { lead: 'Élodie Martin' },
        lead: source.id,
      })
    }
  })

  it('refuses to convert twice', async () => {
    const again = await admin.post(convertPath(source.id), {})
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('lead-already-converted')
    expect(await count(ACCOUNTS, 'Menuiserie Martin')).toBe(1)
  })

  it('refuses a status of converted set by hand', async () => {
    const l = await lead({ company: 'Garage du Lac', email: 'garage@du-lac.fr' })
    const r = await admin.patch(`${LEADS}/${l.id}`, { version: l.version, status: 'converted' })
    expect(r.status).toBe(422)
    expect(r.body.errors[0]).toMatchObject({ path: 'status', code: 'convert_with_action' })
  })
})

describe('converting into existing records', () => {
  it('reuses the chosen account and contact, linking the contact to the account', async () => {
    const acc = (await admin.post(ACCOUNTS, { name: 'Boulangerie Lemoine' })).body
    const elsewhere = (await admin.post(ACCOUNTS, { name: 'Pâtisserie Lemoine Tours' })).body
    const person = (await admin.post(CONTACTS, { lastName: 'Lemoine', account: elsewhere.id })).body
    const l = await lead({ company: 'Boulangerie Lemoine', lastName: 'Lemoine', siren: null, siret: null })
    const r = await admin.post(convertPath(l.id), {
      account: { mode: 'existing', id: acc.id },
      contact: { mode: 'existing', id: person.id },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect([r.body.account.id, r.body.contact.id, r.body.deal]).toEqual([acc.id, person.id, null])
    expect(await count(ACCOUNTS, 'Boulangerie Lemoine')).toBe(1)
    const links = await admin.get(`${CONTACTS}/${person.id}/related/link.accounts`)
    expect(links.body.data.map((x: any) => x.id)).toEqual([acc.id])
    const history = (await admin.get(`${LEADS}/${l.id}/history`)).body.data
    expect(history.map((h: any) => h.note?.key)).toContain('leads:history.converted')
  })

  it('gives a contact without an account the chosen one', async () => {
    const acc = (await admin.post(ACCOUNTS, { name: 'Fleurs du Marché' })).body
    const person = (await admin.post(CONTACTS, { lastName: 'Roux' })).body
    const l = await lead({ company: 'Fleurs du Marché', lastName: 'Roux', siren: null, siret: null })
    const r = await admin.post(convertPath(l.id), {
      account: { mode: 'existing', id: acc.id },
      contact: { mode: 'existing', id: person.id },
    })
    expect(r.status).toBe(200)
    expect((await admin.get(`${CONTACTS}/${person.id}`)).body.account.id).toBe(acc.id)
  })

  it('names an unknown or invisible choice as an invalid field', async () => {
    const l = await lead({ company: 'Cave du Port', email: 'cave@du-port.fr' })
    const foreign = (await (await t.as('globex')).post(ACCOUNTS, { name: 'Cave étrangère' })).body
    const r = await admin.post(convertPath(l.id), { account: { mode: 'existing', id: foreign.id } })
    expect(r.status).toBe(422)
    expect(r.body.errors).toEqual([
      expect.objectContaining({ path: 'account.id', code: 'reference_not_found' }),
    ])
    const bad = await admin.post(convertPath(l.id), {
      account: { mode: 'existing' },
      contact: { mode: 'merge' },
    })
    expect(bad.body.errors.map((e: any) => e.path).sort()).toEqual(['account.id', 'contact.mode'])
  })
})
