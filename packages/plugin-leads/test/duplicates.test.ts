import accounts from '@comptoir/plugin-accounts/server'
import contacts from '@comptoir/plugin-contacts/server'
import { createTestCore, type TestClient, type TestCore } from '@comptoir/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import leads from '../src/server/index'

const DUPLICATES = '/api/v1/p/leads/duplicates'

let t: TestCore
let admin: TestClient
const id: Record<string, string> = {}

beforeAll(async () => {
  t = await createTestCore({ plugins: [accounts, contacts, leads] })
  admin = await t.as('acme')
  const post = async (path: string, data: Record<string, unknown>) =>
    (await admin.post(`/api/v1/records/${path}`, data)).body.id
  id.lead = await post('leads.lead', {
    firstName: 'Élodie',
    lastName: 'Martin',
    company: 'Menuiserie Martin',
    email: 'elodie.martin@menuiserie-martin.fr',
    phone: '+33 2 41 12 34 56',
  })
  id.contact = await post('contacts.contact', {
    firstName: 'Elodie',
    lastName: 'MARTIN',
    email: 'elodie.martin@menuiserie-martin.fr',
  })
  id.account = await post('accounts.account', {
    name: 'Menuiserie Martin & Fils',
    phone: '+33 2 41 12 34 56',
  })
  id.unrelated = await post('leads.lead', { lastName: 'Martinez', company: 'Garage du Lac' })
  id.dupont = await post('leads.lead', { firstName: 'Jean', lastName: 'Dupont', company: 'Plâtrerie Dupont' })
})
afterAll(() => t?.close())

async function check(query: string) {
  const r = await admin.get(`${DUPLICATES}?${query}`)
  expect(r.status).toBe(200)
  return r.body
}

describe('duplicate warning', () => {
  it('finds the lead and the contact with the same e-mail, whatever its case', async () => {
    const r = await check('email=Elodie.Martin@Menuiserie-Martin.fr')
    expect(r.leads).toEqual([{ id: id.lead, title: 'Élodie Martin', matchedOn: ['email'] }])
    expect(r.contacts).toEqual([{ id: id.contact, title: 'Elodie MARTIN', matchedOn: ['email'] }])
    expect(r.accounts).toEqual([])
  })

  it('finds people by name without accents and companies by part of their name', async () => {
    const r = await check('firstName=elodie&lastName=martin&company=menuiserie martin')
    expect(r.leads.map((x: any) => [x.id, x.matchedOn.sort()])).toEqual([[id.lead, ['company', 'name']]])
    expect(r.contacts.map((x: any) => x.id)).toEqual([id.contact])
    expect(r.accounts.map((x: any) => [x.id, x.matchedOn])).toEqual([[id.account, ['company']]])
  })

  it('flags trigram-similar names and companies, not unrelated ones', async () => {
    const similar = await check('firstName=Jean&lastName=Dupond')
    expect(similar.leads).toEqual([{ id: id.dupont, title: 'Jean Dupont', matchedOn: ['name'] }])
    const company = await check('company=Platrerie Dupond')
    expect(company.leads.map((x: any) => [x.id, x.matchedOn])).toEqual([[id.dupont, ['company']]])
    const unrelated = await check('firstName=Jeanne&lastName=Moreau&company=Garage Moreau')
    expect(unrelated).toEqual({ leads: [], contacts: [], accounts: [] })
  })

  it('does not take a longer name for the same person', async () => {
    const r = await check('firstName=Élodie&lastName=Martin')
    expect(r.leads.map((x: any) => x.id)).toEqual([id.lead])
  })

  it('ranks the record that matches on more criteria first', async () => {
    const r = await check(
      'lastName=martin&phone=%2B33 2 41 12 34 56&email=elodie.martin@menuiserie-martin.fr',
    )
    expect(r.leads[0]).toMatchObject({ id: id.lead })
    expect(r.leads[0].matchedOn.sort()).toEqual(['email', 'name', 'phone'])
    expect(r.accounts.map((x: any) => [x.id, x.matchedOn])).toEqual([[id.account, ['phone']]])
  })

  it('answers nothing for nothing', async () => {
    expect(await check('')).toEqual({ leads: [], contacts: [], accounts: [] })
  })

  it('shows only what the user may read', async () => {
    const rep = await t.as('acme', { grants: { 'leads.lead.read': 'all' } })
    const r = await rep.get(`${DUPLICATES}?email=elodie.martin@menuiserie-martin.fr&company=menuiserie`)
    expect(r.status).toBe(200)
    expect(r.body.leads.map((x: any) => x.id)).toEqual([id.lead])
    expect(r.body.contacts).toEqual([])
    expect(r.body.accounts).toEqual([])
  })

  it('leaves converted leads out', async () => {
    const l = (await admin.get(`/api/v1/records/leads.lead/${id.lead}`)).body
    expect((await admin.post(`/api/v1/records/leads.lead/${l.id}/actions/convert`, {})).status).toBe(200)
    const r = await check('email=elodie.martin@menuiserie-martin.fr')
    expect(r.leads).toEqual([])
    expect(r.contacts.length).toBe(2)
  })

  it('is closed with the plugin', async () => {
    const other = await t.as('globex')
    await other.post('/api/v1/admin/plugins/leads/disable')
    const r = await other.get(`${DUPLICATES}?email=a@b.fr`)
    expect(r.status).toBe(403)
    expect(r.body.code).toBe('plugin-not-enabled')
  })
})
