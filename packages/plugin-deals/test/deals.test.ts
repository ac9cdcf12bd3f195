import accounts from '@comptoir/plugin-accounts/server'
import contacts from '@comptoir/plugin-contacts/server'
import { createTestCore, type TestClient, type TestCore } from '@comptoir/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import deals from '../src/server/index'

const ACCOUNTS = '/api/v1/records/accounts.account'
const CONTACTS = '/api/v1/records/contacts.contact'
const DEALS = '/api/v1/records/deals.deal'
const STAGES = '/api/v1/records/deals.stage'

let t: TestCore
let admin: TestClient
const stage: Record<string, string> = {}

beforeAll(async () => {
  t = await createTestCore({ plugins: [accounts, contacts, deals] })
  admin = await t.as('acme')
  for (const s of (await admin.get(`${STAGES}?sort=position`)).body.data) stage[s.name] = s.id
})
afterAll(() => t?.close())

async function create(path: string, data: Record<string, unknown>) {
  const r = await admin.post(path, data)
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return r.body
}

function deal(account: string, data: Record<string, unknown> = {}) {
  return create(DEALS, {
    name: 'Refonte du site internet',
    account,
    stage: stage.Proposition,
    amount: '12000.00',
    closeDate: '2026-12-15',
    ...data,
  })
}

const ids = (r: { body: { data: { id: string }[] } }) => r.body.data.map((x) => x.id)

describe('pipeline stages', () => {
  it('are seeded once per tenant, in order, with their probabilities', async () => {
    const list = (await admin.get(`${STAGES}?sort=position`)).body.data
    expect(list.map((s: any) => [s.name, s.probability, s.kind])).toEqual([
      ['Prospection', '10.00', 'open'],
      ['Qualification', '20.00', 'open'],
      ['Proposition', '50.00', 'open'],
      ['Négociation', '75.00', 'open'],
      ['Gagnée', '100.00', 'won'],
      ['Perdue', '0.00', 'lost'],
    ])
  })

  it('are shared: sales reps read them but may not change them', async () => {
    const rep = await t.as('acme', { roles: ['sales-rep'] })
    expect((await rep.get(STAGES)).body.data).toHaveLength(6)
    expect((await rep.post(STAGES, { name: 'Relance', position: 25, probability: '30' })).status).toBe(403)
  })

  it('cannot be trashed while deals use them', async () => {
    const acc = await create(ACCOUNTS, { name: 'Imprimerie Fontaine' })
    const d = await deal(acc.id, { stage: stage.Qualification })
    const r = await admin.delete(`${STAGES}/${stage.Qualification}`)
    expect(r.status).toBe(409)
    expect(r.body.code).toBe('has-children')
    expect(r.body.children.map((c: any) => c.id)).toEqual([d.id])
  })
})

describe('deal rules', () => {
  let acc: any

  beforeAll(async () => {
    acc = await create(ACCOUNTS, { name: 'Atelier Numérique Lyonnais' })
  })

  it('takes the probability of its stage unless one is given, and computes the weighted amount', async () => {
    const d = await deal(acc.id)
    expect(d).toMatchObject({ probability: '50.00', amount: '12000.00', weightedAmount: '6000.00' })
    expect(d.number).toMatch(/^DEA-\d{5}$/)
    const own = await deal(acc.id, { probability: '35', amount: '999.99' })
    expect(own).toMatchObject({ probability: '35.00', weightedAmount: '350.00' })
  })

  it('moves the probability with the stage and recomputes the weighted amount', async () => {
    const d = await deal(acc.id)
    const moved = await admin.patch(`${DEALS}/${d.id}`, { version: d.version, stage: stage.Négociation })
    expect(moved.body).toMatchObject({ probability: '75.00', weightedAmount: '9000.00' })
    const amount = await admin.patch(`${DEALS}/${d.id}`, { version: moved.body.version, amount: '20000' })
    expect(amount.body).toMatchObject({ probability: '75.00', weightedAmount: '15000.00' })
    const chosen = await admin.patch(`${DEALS}/${d.id}`, {
      version: amount.body.version,
      stage: stage.Gagnée,
      probability: '90',
    })
    expect(chosen.body).toMatchObject({ probability: '90.00', weightedAmount: '18000.00' })
  })

  it('never takes a weighted amount from the client', async () => {
    const d = await deal(acc.id)
    const r = await admin.patch(`${DEALS}/${d.id}`, { version: d.version, weightedAmount: '1.00' })
    expect(r.body.weightedAmount).toBe('6000.00')
  })

  it('asks why a deal is lost, in the user’s language', async () => {
    const d = await deal(acc.id)
    const lost = await admin.patch(`${DEALS}/${d.id}`, { version: d.version, stage: stage.Perdue })
    expect(lost.status).toBe(422)
    expect(lost.body.errors).toEqual([
      expect.objectContaining({
        path: 'lostReason',
        code: 'required_when_lost',
        message: 'Indiquez pourquoi l’affaire est perdue.',
      }),
    ])
    expect((await admin.get(`${DEALS}/${d.id}`)).body.stage.id).toBe(stage.Proposition)
    const created = await admin.post(DEALS, {
      name: 'Audit énergétique',
      account: acc.id,
      stage: stage.Perdue,
      closeDate: '2026-10-01',
    })
    expect(created.body.errors[0].path).toBe('lostReason')
    const why = await admin.patch(`${DEALS}/${d.id}`, {
      version: d.version,
      stage: stage.Perdue,
      lostReason: 'Concurrent retenu',
    })
    expect(why.status).toBe(200)
    expect(why.body).toMatchObject({
      probability: '0.00',
      weightedAmount: '0.00',
      lostReason: 'Concurrent retenu',
    })
    const cleared = await admin.patch(`${DEALS}/${d.id}`, { version: why.body.version, lostReason: '' })
    expect(cleared.status).toBe(422)
  })

  it('needs an account, a stage that exists and a close date', async () => {
    const r = await admin.post(DEALS, { name: 'Sans rien' })
    expect(r.status).toBe(422)
    expect(r.body.errors.map((e: any) => e.path).sort()).toEqual(['account', 'closeDate', 'stage'])
    const unknown = await admin.post(DEALS, {
      name: 'Étape inconnue',
      account: acc.id,
      stage: '0193a1b2-c3d4-7e5f-8a9b-00000000dead',
      closeDate: '2026-12-01',
    })
    expect(unknown.status).toBe(422)
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({ path: 'stage', code: 'reference_not_found' }),
    ])
  })

  it('is listed on its account and its contact', async () => {
    const person = await create(CONTACTS, { firstName: 'Zoé', lastName: 'Lécuyer', account: acc.id })
    const d = await deal(acc.id, { name: 'Formation des équipes', contact: person.id })
    expect(ids(await admin.get(`${ACCOUNTS}/${acc.id}/related/deals.deal.account`))).toContain(d.id)
    expect(ids(await admin.get(`${CONTACTS}/${person.id}/related/deals.deal.contact`))).toEqual([d.id])
    const boot = (await admin.get('/api/v1/bootstrap')).body
    expect(boot.entities['accounts.account'].relatedLists.map((l: any) => l.id)).toContain(
      'deals.deal.account',
    )
    expect(boot.entities['contacts.contact'].relatedLists.map((l: any) => l.id)).toContain(
      'deals.deal.contact',
    )
  })
})
