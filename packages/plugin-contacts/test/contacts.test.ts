import accounts from '@comptoir/plugin-accounts/server'
import { createTestCore, type TestClient, type TestCore } from '@comptoir/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import contacts from '../src/server/index'

const ACCOUNTS = '/api/v1/records/accounts.account'
const CONTACTS = '/api/v1/records/contacts.contact'

let t: TestCore
let admin: TestClient

beforeAll(async () => {
  t = await createTestCore({ plugins: [accounts, contacts] })
  admin = await t.as('acme')
})
afterAll(() => t?.close())

async function account(name: string, client = admin) {
  return (await client.post(ACCOUNTS, { name })).body
}

async function contact(data: Record<string, unknown>, client = admin) {
  const r = await client.post(CONTACTS, data)
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return r.body
}

const ids = (r: { body: { data: { id: string }[] } }) => r.body.data.map((x) => x.id)

describe('contacts at accounts', () => {
  it('belong to an account and are listed on it, numbered CON-…', async () => {
    const acc = await account('Menuiserie Girard & Fils')
    const c = await contact({ salutation: 'mrs', firstName: 'Élodie', lastName: 'Girard', account: acc.id })
    expect(c.account).toEqual({ id: acc.id, title: 'Menuiserie Girard & Fils' })
    expect(c.number).toMatch(/^CON-\d{5}$/)
    expect(c._title).toBe('Élodie Girard')
    const listed = await admin.get(`${ACCOUNTS}/${acc.id}/related/contacts.contact.account`)
    expect(ids(listed)).toEqual([c.id])
    expect((await admin.get(`${CONTACTS}?q=elodie girard`)).body.data.map((x: any) => x.id)).toContain(c.id)
  })

  it('refuses an account that does not exist or belongs to another tenant', async () => {
    const theirs = await account('Cabinet Moreau', await t.as('globex'))
    const r = await admin.post(CONTACTS, { lastName: 'Moreau', account: theirs.id })
    expect(r.status).toBe(422)
    expect(r.body.errors[0]).toMatchObject({ path: 'account', code: 'reference_not_found' })
  })
})

describe('other accounts with a role', () => {
  let home: any
  let client: any
  let person: any

  beforeAll(async () => {
    home = await account('Cabinet Moreau Expertise Comptable')
    client = await account('Brasserie du Vieux-Port')
    person = await contact({
      firstName: 'Paul',
      lastName: 'Moreau',
      account: home.id,
      title: 'Expert-comptable',
    })
  })

  it('links a contact to another account with a role, listed on both sides', async () => {
    const link = await admin.post(`${CONTACTS}/${person.id}/links/accounts`, {
      target: client.id,
      role: 'accountant',
    })
    expect(link.status).toBe(201)
    const mine = await admin.get(`${CONTACTS}/${person.id}/related/link.accounts`)
    expect(mine.body.data.map((x: any) => [x.name, x._linkRole])).toEqual([
      ['Brasserie du Vieux-Port', 'accountant'],
    ])
    const theirs = await admin.get(`${ACCOUNTS}/${client.id}/related/link.accounts.inverse`)
    expect(theirs.body.data.map((x: any) => [x._title, x._linkRole])).toEqual([['Paul Moreau', 'accountant']])
    const boot = await admin.get('/api/v1/bootstrap')
    const lists = boot.body.entities['accounts.account'].relatedLists.map((l: any) => l.id)
    expect(lists).toEqual(expect.arrayContaining(['contacts.contact.account', 'link.accounts.inverse']))
  })

  it('changes the role by linking again, and refuses a role that is not offered', async () => {
    await admin.post(`${CONTACTS}/${person.id}/links/accounts`, { target: client.id, role: 'consultant' })
    const mine = await admin.get(`${CONTACTS}/${person.id}/related/link.accounts`)
    expect(mine.body.data.map((x: any) => x._linkRole)).toEqual(['consultant'])
    const bad = await admin.post(`${CONTACTS}/${person.id}/links/accounts`, {
      target: client.id,
      role: 'spy',
    })
    expect(bad.status).toBe(422)
    expect(bad.body.errors[0]).toMatchObject({ path: 'role', code: 'invalid_option' })
  })

  it('links from the account’s side too', async () => {
    const other = await contact({ firstName: 'Inès', lastName: 'Roux', account: home.id })
    const r = await admin.post(`${ACCOUNTS}/${client.id}/links/accounts.inverse`, {
      target: other.id,
      role: 'technical',
    })
    expect(r.status).toBe(201)
    const theirs = await admin.get(`${CONTACTS}/${other.id}/related/link.accounts`)
    expect(theirs.body.data.map((x: any) => [x.id, x._linkRole])).toEqual([[client.id, 'technical']])
  })

  it('refuses to link to another tenant’s account or without the right to change the contact', async () => {
    const foreign = await account('Hôtel Les Tilleuls', await t.as('globex'))
    const r = await admin.post(`${CONTACTS}/${person.id}/links/accounts`, { target: foreign.id })
    expect(r.status).toBe(422)
    expect(r.body.errors[0]).toMatchObject({ path: 'target', code: 'reference_not_found' })
    const reader = await t.as('acme', { roles: ['read-only'] })
    const denied = await reader.post(`${CONTACTS}/${person.id}/links/accounts`, { target: client.id })
    expect(denied.status).toBe(403)
  })

  it('unlinks, from both sides at once', async () => {
    const r = await admin.delete(`${CONTACTS}/${person.id}/links/accounts/${client.id}`)
    expect(r.status).toBe(200)
    expect(ids(await admin.get(`${CONTACTS}/${person.id}/related/link.accounts`))).toEqual([])
    const theirs = await admin.get(`${ACCOUNTS}/${client.id}/related/link.accounts.inverse`)
    expect(theirs.body.data.map((x: any) => x.id)).not.toContain(person.id)
    expect((await admin.delete(`${CONTACTS}/${person.id}/links/accounts/${client.id}`)).status).toBe(404)
  })
})

describe('org chart', () => {
  it('lists who reports to whom and refuses a loop', async () => {
    const acc = await account('Transports Rouxel')
    const boss = await contact({ firstName: 'Hélène', lastName: 'Rouxel', account: acc.id, title: 'Gérante' })
    const lead = await contact({
      firstName: 'Marc',
      lastName: 'Le Gall',
      account: acc.id,
      reportsTo: boss.id,
    })
    const driver = await contact({
      firstName: 'Théo',
      lastName: 'Bernard',
      account: acc.id,
      reportsTo: lead.id,
    })
    const team = await admin.get(`${CONTACTS}/${boss.id}/related/contacts.contact.reportsTo`)
    expect(ids(team)).toEqual([lead.id])
    for (const target of [driver.id, boss.id]) {
      const loop = await admin.patch(`${CONTACTS}/${boss.id}`, { version: boss.version, reportsTo: target })
      expect(loop.status).toBe(422)
      expect(loop.body.errors[0]).toMatchObject({ path: 'reportsTo', code: 'cycle' })
    }
    expect((await admin.get(`${CONTACTS}/${boss.id}`)).body.reportsTo).toBeNull()
  })
})

describe('RGPD', () => {
  it('asks for the date of consent when consent is the lawful basis', async () => {
    const r = await admin.post(CONTACTS, { lastName: 'Petit', lawfulBasis: 'consent' })
    expect(r.status).toBe(422)
    expect(r.body.errors).toEqual([
      expect.objectContaining({
        path: 'consentDate',
        code: 'consent_date_required',
        message: 'Indiquez la date du consentement.',
      }),
    ])
    const ok = await contact({
      lastName: 'Petit',
      lawfulBasis: 'consent',
      consentDate: '2026-03-12',
      consentSource: 'Salon professionnel',
      emailOptOut: false,
      doNotCall: true,
    })
    expect(ok).toMatchObject({ lawfulBasis: 'consent', consentDate: '2026-03-12', doNotCall: true })
    const cleared = await admin.patch(`${CONTACTS}/${ok.id}`, { version: ok.version, consentDate: null })
    expect(cleared.status).toBe(422)
    expect(cleared.body.errors[0].path).toBe('consentDate')
  })

  it('switches to another lawful basis without a consent date', async () => {
    const c = await contact({ lastName: 'Durand', lawfulBasis: 'legitimate_interest' })
    const upd = await admin.patch(`${CONTACTS}/${c.id}`, { version: c.version, lawfulBasis: 'contract' })
    expect(upd.status).toBe(200)
    const bad = await admin.patch(`${CONTACTS}/${c.id}`, { version: upd.body.version, lawfulBasis: 'gossip' })
    expect(bad.body.errors[0]).toMatchObject({ path: 'lawfulBasis', code: 'invalid_option' })
  })

  it('hides personal fields from a role that may not see them', async () => {
    const c = await contact({ lastName: 'Fontaine', mobile: '+33 6 12 34 56 78', birthdate: '1984-05-02' })
    const desk = await t.as('acme', {
      grants: { 'contacts.contact.read': 'all', 'contacts.contact.update': 'all' },
      fields: { 'contacts.contact.mobile': 'hidden', 'contacts.contact.birthdate': 'hidden' },
    })
    const seen = (await desk.get(`${CONTACTS}/${c.id}`)).body
    expect(seen.lastName).toBe('Fontaine')
    expect(seen).not.toHaveProperty('mobile')
    expect(seen).not.toHaveProperty('birthdate')
    const w = await desk.patch(`${CONTACTS}/${c.id}`, { version: c.version, birthdate: '1990-01-01' })
    expect(w.status).toBe(403)
    expect(w.body.errors[0].path).toBe('birthdate')
  })
})

describe('trash', () => {
  it('takes an account’s contacts along and brings them back with their links', async () => {
    const acc = await account('Garage des Alpes')
    const partner = await account('Agence Océane')
    const a = await contact({ firstName: 'Lucas', lastName: 'Perrin', account: acc.id })
    const b = await contact({ firstName: 'Emma', lastName: 'Perrin', account: acc.id, reportsTo: a.id })
    await admin.post(`${CONTACTS}/${b.id}/links/accounts`, { target: partner.id, role: 'buyer' })
    const del = await admin.delete(`${ACCOUNTS}/${acc.id}`)
    expect(del.body.count).toBe(3)
    expect((await admin.get(`${CONTACTS}/${b.id}`)).status).toBe(404)
    expect(ids(await admin.get(`${ACCOUNTS}/${partner.id}/related/link.accounts.inverse`))).toEqual([])
    const restore = await admin.post(`/api/v1/trash/accounts.account/${acc.id}/restore`)
    expect(restore.body.restored).toBe(3)
    const back = (await admin.get(`${CONTACTS}/${b.id}`)).body
    expect(back).toMatchObject({ account: { id: acc.id }, reportsTo: { id: a.id } })
    const links = await admin.get(`${ACCOUNTS}/${partner.id}/related/link.accounts.inverse`)
    expect(links.body.data.map((x: any) => [x.id, x._linkRole])).toEqual([[b.id, 'buyer']])
  })
})

describe('scopes', () => {
  it('lets a sales rep read the team’s contacts and change only their own', async () => {
    const rep = await t.as('acme', { roles: ['sales-rep'] })
    const mate = await t.as('acme', { roles: ['sales-rep'], teamWith: [rep.userId] })
    const stranger = await t.as('acme', { roles: ['sales-rep'] })
    const mine = await contact({ lastName: 'Lemoine' }, rep)
    const theirs = await contact({ lastName: 'Girard' }, mate)
    const hidden = await contact({ lastName: 'Chevalier' }, stranger)
    const seen = (await rep.get(`${CONTACTS}?sort=lastName`)).body.data.map((x: any) => x.lastName)
    expect(seen).toEqual(['Girard', 'Lemoine'])
    expect((await rep.get(`${CONTACTS}/${hidden.id}`)).status).toBe(404)
    expect((await rep.patch(`${CONTACTS}/${theirs.id}`, { version: 1, title: 'x' })).status).toBe(403)
    expect((await rep.patch(`${CONTACTS}/${mine.id}`, { version: 1, title: 'Gérant' })).status).toBe(200)
  })
})
