import accounts from '@comptoir/plugin-accounts/server'
import contacts from '@comptoir/plugin-contacts/server'
import { createTestCore, type TestClient, type TestCore } from '@comptoir/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import leads from '../src/server/index'

const LEADS = '/api/v1/records/leads.lead'

let t: TestCore
let admin: TestClient

beforeAll(async () => {
  t = await createTestCore({ plugins: [accounts, contacts, leads] })
  admin = await t.as('acme')
})
afterAll(() => t?.close())

const paths = (body: any) => body.errors.map((e: any) => e.path).sort()
const count = async () => (await admin.get(`${LEADS}?count=true`)).body.total

describe('creating a lead', () => {
  it('needs a company and a last name, named in the problem, and writes nothing', async () => {
    const before = await count()
    const r = await admin.post(LEADS, { firstName: 'Inès' })
    expect(r.status).toBe(422)
    expect(r.headers.get('content-type')).toContain('application/problem+json')
    expect(paths(r.body)).toEqual(['company', 'lastName'])
    expect(r.body.errors.every((e: any) => e.code === 'required' && e.message)).toBe(true)
    expect(await count()).toBe(before)
  })

  it('refuses an invalid SIREN or SIRET, naming each with its French message', async () => {
    const r = await admin.post(LEADS, {
      lastName: 'Girard',
      company: 'Girard Charpente',
      siren: '123456789',
      siret: '12345678901234',
    })
    expect(r.status).toBe(422)
    expect(Object.fromEntries(r.body.errors.map((e: any) => [e.path, e.message]))).toEqual({
      siren: 'SIREN invalide (9 chiffres, clé de contrôle).',
      siret: 'SIRET invalide (14 chiffres, clé de contrôle).',
    })
    expect((await admin.get(`${LEADS}?filter[lastName][eq]=Girard`)).body.data).toEqual([])
  })

  it('refuses a SIRET of another company than the SIREN', async () => {
    const r = await admin.post(LEADS, {
      lastName: 'Girard',
      company: 'Girard Charpente',
      siren: '303265045',
      siret: '73282932000074',
    })
    expect(r.status).toBe(422)
    expect(paths(r.body)).toEqual(['siret'])
  })

  it('takes a valid lead, its identity numbers stored as digits', async () => {
    const r = await admin.post(LEADS, {
      lastName: 'Girard',
      company: 'Girard Charpente',
      siren: '303 265 045',
      siret: '303 265 045 00011',
      website: 'https://girard-charpente.fr',
    })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    expect(r.body).toMatchObject({ siren: '303265045', siret: '30326504500011', status: 'not_contacted' })
    expect(r.body.number).toMatch(/^LEA-\d{5}$/)
  })

  it('refuses a website that is not a URL', async () => {
    const r = await admin.post(LEADS, { lastName: 'Roux', company: 'Roux SA', website: 'pas une adresse' })
    expect(r.status).toBe(422)
    expect(paths(r.body)).toEqual(['website'])
  })
})

describe('hidden annual revenue', () => {
  let lead: any
  let clerk: TestClient

  beforeAll(async () => {
    lead = (
      await admin.post(LEADS, {
        lastName: 'Perrin',
        company: 'Fromagerie Perrin',
        annualRevenue: '2300000.00',
      })
    ).body
    clerk = await t.as('acme', {
      grants: { 'leads.lead.read': 'all', 'leads.lead.create': 'all', 'leads.lead.update': 'all' },
      fields: { 'leads.lead.annualRevenue': 'hidden' },
    })
  })

  it('is absent from the record, the list and the metadata', async () => {
    const one = await clerk.get(`${LEADS}/${lead.id}`)
    expect(one.body.company).toBe('Fromagerie Perrin')
    expect(one.body).not.toHaveProperty('annualRevenue')
    for (const r of (await clerk.get(LEADS)).body.data) expect(r).not.toHaveProperty('annualRevenue')
    const boot = await clerk.get('/api/v1/bootstrap')
    expect(Object.keys(boot.body.entities['leads.lead'].fields)).not.toContain('annualRevenue')
  })

  it('cannot be filtered on nor written', async () => {
    expect((await clerk.get(`${LEADS}?filter[annualRevenue][gte]=1000000`)).status).toBe(400)
    const r = await clerk.patch(`${LEADS}/${lead.id}`, { annualRevenue: '1', version: lead.version })
    expect(r.status).toBe(403)
    expect(r.body.errors).toEqual([expect.objectContaining({ path: 'annualRevenue' })])
    expect((await admin.get(`${LEADS}/${lead.id}`)).body.annualRevenue).toBe('2300000.00')
  })
})
