import { createTestCore, type TestClient, type TestCore } from '@comptoir/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import accounts from '../src/server/index'

const BASE = '/api/v1/records/accounts.account'
// A real identity: SIREN 303 265 045, its SIRET, its VAT key 40.
const SIREN = '303265045'
const SIRET = '30326504500011'
const VAT = 'FR40303265045'
// A valid SIRET and VAT number of another company (SIREN 732 829 320).
const OTHER_SIRET = '73282932000074'
const OTHER_VAT = 'FR44732829320'

let t: TestCore
let admin: TestClient

beforeAll(async () => {
  t = await createTestCore({ plugins: [accounts], tenants: ['acme', 'globex', 'initech'] })
  admin = await t.as('acme')
})
afterAll(() => t?.close())

function messages(body: any): Record<string, string> {
  return Object.fromEntries(body.errors.map((e: any) => [e.path, e.message]))
}

describe('French identity', () => {
  const invalid = {
    name: 'Société Fantôme',
    siren: '123456789',
    siret: '12345678901234',
    vatNumber: 'FR00123456789',
    nafCode: '6201',
  }

  it('names each invalid identity number with a French message, and writes nothing', async () => {
    const r = await admin.post(BASE, invalid)
    expect(r.status).toBe(422)
    expect(messages(r.body)).toEqual({
      siren: 'SIREN invalide (9 chiffres, clé de contrôle).',
      siret: 'SIRET invalide (14 chiffres, clé de contrôle).',
      vatNumber: 'Numéro de TVA intracommunautaire invalide.',
      nafCode: 'Code NAF/APE invalide (ex. 62.01Z).',
    })
    expect((await admin.get(`${BASE}?q=fantome`)).body.data).toEqual([])
  })

  it('speaks English to a user whose language is English', async () => {
    const user = await t.as('acme', { grants: { 'accounts.account.create': 'all' } })
    expect((await user.request('PATCH', '/api/v1/auth/me', { locale: 'en' })).status).toBe(200)
    const r = await user.post(BASE, invalid)
    expect(r.status).toBe(422)
    expect(messages(r.body)).toEqual({
      siren: 'Invalid SIREN (9 digits, check key).',
      siret: 'Invalid SIRET (14 digits, check key).',
      vatNumber: 'Invalid EU VAT number.',
      nafCode: 'Invalid NAF/APE code (e.g. 62.01Z).',
    })
    const mismatch = await user.post(BASE, { name: 'Mismatch Ltd', siren: SIREN, siret: OTHER_SIRET })
    expect(messages(mismatch.body)).toEqual({ siret: 'The SIRET must start with the SIREN.' })
  })

  it('refuses a SIRET of another company', async () => {
    const r = await admin.post(BASE, { name: 'Menuiserie Girard', siren: SIREN, siret: OTHER_SIRET })
    expect(r.status).toBe(422)
    expect(r.body.errors).toEqual([
      expect.objectContaining({
        path: 'siret',
        code: 'siret_siren_mismatch',
        message: 'Le SIRET doit commencer par le SIREN.',
      }),
    ])
  })

  it('refuses a French VAT number that does not match the SIREN, on create and on update', async () => {
    const r = await admin.post(BASE, { name: 'Menuiserie Girard', siren: SIREN, vatNumber: OTHER_VAT })
    expect(r.status).toBe(422)
    expect(r.body.errors).toEqual([
      expect.objectContaining({
        path: 'vatNumber',
        code: 'vat_siren_mismatch',
        message: 'Ce numéro de TVA ne correspond pas au SIREN.',
      }),
    ])
    const ok = await admin.post(BASE, { name: 'Menuiserie Girard', siren: SIREN, vatNumber: VAT })
    const upd = await admin.patch(`${BASE}/${ok.body.id}`, { version: ok.body.version, vatNumber: OTHER_VAT })
    expect(upd.status).toBe(422)
    expect(upd.body.errors[0].path).toBe('vatNumber')
    const siren = await admin.patch(`${BASE}/${ok.body.id}`, { version: ok.body.version, siren: '732829320' })
    expect(siren.status).toBe(422)
    expect(siren.body.errors[0].path).toBe('vatNumber')
  })

  it('stores identity numbers in their canonical form, however they were typed', async () => {
    const r = await admin.post(BASE, {
      name: 'Atelier Numérique',
      siren: '303 265 045',
      siret: '303 265 045 00011',
      vatNumber: 'fr 40 303 265 045',
      nafCode: '6201z',
    })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({ siren: SIREN, siret: SIRET, vatNumber: VAT, nafCode: '62.01Z' })
  })

  it('leaves foreign VAT numbers alone', async () => {
    const r = await admin.post(BASE, {
      name: 'Berliner Werkstatt GmbH',
      siren: SIREN,
      vatNumber: 'DE123456789',
    })
    expect(r.status).toBe(201)
    expect(r.body.vatNumber).toBe('DE123456789')
  })
})

describe('numbers', () => {
  it('numbers accounts ACC-00001, ACC-00002… per tenant, never reusing a number, and keeps them read-only', async () => {
    const globex = await t.as('globex')
    const a = await globex.post(BASE, { name: 'Boulangerie Lemoine' })
    const b = await globex.post(BASE, { name: 'Garage des Alpes' })
    expect([a.body.number, b.body.number]).toEqual(['ACC-00001', 'ACC-00002'])
    await globex.delete(`${BASE}/${b.body.id}`)
    const c = await globex.post(BASE, { name: 'Hôtel Les Tilleuls' })
    expect(c.body.number).toBe('ACC-00003')
    const edit = await globex.patch(`${BASE}/${a.body.id}`, { version: a.body.version, number: 'ACC-99999' })
    expect(edit.status).toBe(422)
    expect(edit.body.errors[0]).toMatchObject({ path: 'number', code: 'read_only' })
    const found = await globex.get(`${BASE}?filter[number][eq]=ACC-00001`)
    expect(found.body.data.map((x: any) => x.name)).toEqual(['Boulangerie Lemoine'])
  })
})

describe('hierarchy', () => {
  it('lists subsidiaries and refuses a cycle', async () => {
    const group = await admin.post(BASE, { name: 'Transports Rouxel' })
    const sub = await admin.post(BASE, { name: 'Logistique Express Nord', parentAccount: group.body.id })
    expect(sub.body.parentAccount).toEqual({ id: group.body.id, title: 'Transports Rouxel' })
    const subs = await admin.get(`${BASE}/${group.body.id}/related/accounts.account.parentAccount`)
    expect(subs.body.data.map((x: any) => x.name)).toEqual(['Logistique Express Nord'])
    const loop = await admin.patch(`${BASE}/${group.body.id}`, {
      version: group.body.version,
      parentAccount: sub.body.id,
    })
    expect(loop.status).toBe(422)
    expect(loop.body.errors).toEqual([expect.objectContaining({ path: 'parentAccount', code: 'cycle' })])
    const self = await admin.patch(`${BASE}/${group.body.id}`, {
      version: group.body.version,
      parentAccount: group.body.id,
    })
    expect(self.body.errors[0].code).toBe('cycle')
    expect((await admin.get(`${BASE}/${group.body.id}`)).body.parentAccount).toBeNull()
  })

  it('keeps subsidiaries when their parent goes to the trash, and links them again on restore', async () => {
    const group = await admin.post(BASE, { name: 'Groupe Fontaine' })
    const sub = await admin.post(BASE, { name: 'Imprimerie Fontaine', parentAccount: group.body.id })
    const del = await admin.delete(`${BASE}/${group.body.id}`)
    expect(del.body.count).toBe(1)
    expect((await admin.get(`${BASE}/${sub.body.id}`)).status).toBe(200)
    expect((await admin.post(`/api/v1/trash/accounts.account/${group.body.id}/restore`)).status).toBe(200)
    const back = await admin.get(`${BASE}/${group.body.id}/related/accounts.account.parentAccount`)
    expect(back.body.data.map((x: any) => x.id)).toEqual([sub.body.id])
  })

  it('cannot point at another tenant’s account', async () => {
    const mine = await admin.post(BASE, { name: 'Maison mère' })
    const globex = await t.as('globex')
    const r = await globex.post(BASE, { name: 'Filiale pirate', parentAccount: mine.body.id })
    expect(r.status).toBe(422)
    expect(r.body.errors[0]).toMatchObject({ path: 'parentAccount', code: 'reference_not_found' })
  })
})

describe('hidden field', () => {
  let account: any
  let clerk: TestClient

  beforeAll(async () => {
    account = (await admin.post(BASE, { name: 'Domaine Chevalier', annualRevenue: '1250000.00' })).body
    clerk = await t.as('acme', {
      grants: {
        'accounts.account.read': 'all',
        'accounts.account.create': 'all',
        'accounts.account.update': 'all',
      },
      fields: { 'accounts.account.annualRevenue': 'hidden' },
    })
  })

  it('is absent from the record, the list and the metadata', async () => {
    const one = await clerk.get(`${BASE}/${account.id}`)
    expect(one.body.name).toBe('Domaine Chevalier')
    expect(one.body).not.toHaveProperty('annualRevenue')
    const list = await clerk.get(BASE)
    expect(list.body.data.length).toBeGreaterThan(0)
    for (const r of list.body.data) expect(r).not.toHaveProperty('annualRevenue')
    const boot = await clerk.get('/api/v1/bootstrap')
    expect(Object.keys(boot.body.entities['accounts.account'].fields)).not.toContain('annualRevenue')
    expect((await admin.get(`${BASE}/${account.id}`)).body.annualRevenue).toBe('1250000.00')
  })

  it('cannot be filtered or sorted on, so its values do not leak', async () => {
    expect((await clerk.get(`${BASE}?filter[annualRevenue][gte]=1000000`)).status).toBe(400)
    expect((await clerk.get(`${BASE}?sort=-annualRevenue`)).status).toBe(400)
  })

  it('is refused on write with a 403 naming it', async () => {
    const upd = await clerk.patch(`${BASE}/${account.id}`, { version: account.version, annualRevenue: '1' })
    expect(upd.status).toBe(403)
    expect(upd.body.errors).toEqual([expect.objectContaining({ path: 'annualRevenue' })])
    const create = await clerk.post(BASE, { name: 'Cave Perrin', annualRevenue: '10' })
    expect(create.status).toBe(403)
    expect(create.body.errors[0].path).toBe('annualRevenue')
    expect((await admin.get(`${BASE}/${account.id}`)).body.annualRevenue).toBe('1250000.00')
  })

  it('leaves the rest of the record writable', async () => {
    const upd = await clerk.patch(`${BASE}/${account.id}`, { version: account.version, rating: 'active' })
    expect(upd.status).toBe(200)
    expect(upd.body.rating).toBe('active')
    expect((await admin.get(`${BASE}/${account.id}`)).body.annualRevenue).toBe('1250000.00')
  })
})

describe('scopes', () => {
  it('gives sales reps their team’s accounts to read and their own to change; managers everything', async () => {
    const t1 = await t.as('initech', { roles: ['sales-rep'] })
    const t2 = await t.as('initech', { roles: ['sales-rep'], teamWith: [t1.userId] })
    const loner = await t.as('initech', { roles: ['sales-rep'] })
    const manager = await t.as('initech', { roles: ['sales-manager'] })
    const a1 = (await t1.post(BASE, { name: 'Pharmacie Centrale' })).body
    const a2 = (await t2.post(BASE, { name: 'Clinique des Sources' })).body
    const a3 = (await loner.post(BASE, { name: 'Fromagerie Perrin' })).body
    const names = async (c: TestClient) =>
      (await c.get(`${BASE}?sort=name`)).body.data.map((x: any) => x.name)

    expect(await names(t1)).toEqual(['Clinique des Sources', 'Pharmacie Centrale'])
    expect(await names(t2)).toEqual(['Clinique des Sources', 'Pharmacie Centrale'])
    expect(await names(loner)).toEqual(['Fromagerie Perrin'])
    expect(await names(manager)).toEqual(['Clinique des Sources', 'Fromagerie Perrin', 'Pharmacie Centrale'])

    expect((await t1.get(`${BASE}/${a3.id}`)).status).toBe(404)
    expect((await t1.patch(`${BASE}/${a2.id}`, { version: a2.version, rating: 'active' })).status).toBe(403)
    expect((await t1.delete(`${BASE}/${a2.id}`)).status).toBe(403)
    expect((await t1.patch(`${BASE}/${a1.id}`, { version: a1.version, rating: 'active' })).status).toBe(200)
    expect((await manager.patch(`${BASE}/${a3.id}`, { version: a3.version, rating: 'active' })).status).toBe(
      200,
    )
    const readOnly = await t.as('initech', { roles: ['read-only'] })
    expect((await names(readOnly)).length).toBe(3)
    expect((await readOnly.post(BASE, { name: 'Nope' })).status).toBe(403)
  })

  it('keeps “own” users to the accounts they own', async () => {
    const owner = await t.as('initech', {
      grants: { 'accounts.account.read': 'own', 'accounts.account.create': 'own' },
    })
    const mine = await owner.post(BASE, { name: 'Couture Martin' })
    expect(mine.status).toBe(201)
    expect((await owner.get(BASE)).body.data.map((x: any) => x.name)).toEqual(['Couture Martin'])
    const search = await owner.get('/api/v1/search?q=pharmacie')
    expect(JSON.stringify(search.body)).not.toContain('Pharmacie')
  })
})
