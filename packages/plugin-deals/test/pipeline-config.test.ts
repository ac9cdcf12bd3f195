import accounts from '@comptoir/plugin-accounts/server'
import contacts from '@comptoir/plugin-contacts/server'
import { createTestCore, type TestClient, type TestCore } from '@comptoir/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import deals from '../src/server/index'

const ACCOUNTS = '/api/v1/records/accounts.account'
const DEALS = '/api/v1/records/deals.deal'
const STAGES = '/api/v1/records/deals.stage'

let t: TestCore
let acme: TestClient
let globex: TestClient

beforeAll(async () => {
  t = await createTestCore({ plugins: [accounts, contacts, deals] })
  acme = await t.as('acme')
  globex = await t.as('globex')
})
afterAll(() => t?.close())

/** The pipeline's columns as the board orders them: `name probability kind`. */
async function pipeline(client: TestClient) {
  const r = await client.get(`${STAGES}?sort=position`)
  expect(r.status).toBe(200)
  return r.body.data.map((s: any) => `${s.name} ${s.probability} ${s.kind}`)
}

async function stageId(client: TestClient, name: string): Promise<any> {
  const r = await client.get(`${STAGES}?filter[name][eq]=${encodeURIComponent(name)}`)
  return r.body.data[0]
}

const DEFAULT = [
  'Prospection 10.00 open',
  'Qualification 20.00 open',
  'Proposition 50.00 open',
  'Négociation 75.00 open',
  'Gagnée 100.00 won',
  'Perdue 0.00 lost',
]

describe('a tenant’s own pipeline', () => {
  beforeAll(async () => {
    // Acme sends its quotes before qualifying, calls it "Devis envoyé" at 40 %, and adds a follow-up stage.
    const proposal = await stageId(acme, 'Proposition')
    const renamed = await acme.patch(`${STAGES}/${proposal.id}`, {
      name: 'Devis envoyé',
      position: 15,
      probability: '40',
      version: proposal.version,
    })
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200)
    const added = await acme.post(STAGES, { name: 'Relance', position: 35, probability: '30', kind: 'open' })
    expect(added.status, JSON.stringify(added.body)).toBe(201)
  })

  it('is renamed, reordered and re-weighted for that tenant only', async () => {
    expect(await pipeline(acme)).toEqual([
      'Prospection 10.00 open',
      'Devis envoyé 40.00 open',
      'Qualification 20.00 open',
      'Relance 30.00 open',
      'Négociation 75.00 open',
      'Gagnée 100.00 won',
      'Perdue 0.00 lost',
    ])
    expect(await pipeline(globex)).toEqual(DEFAULT)
  })

  it('gives new deals the probability the tenant chose for their stage', async () => {
    const account = (await acme.post(ACCOUNTS, { name: 'Verrerie Lambert' })).body
    const quoted = await acme.post(DEALS, {
      name: 'Vitrages de l’atelier',
      account: account.id,
      stage: (await stageId(acme, 'Devis envoyé')).id,
      amount: '10000',
      closeDate: '2027-03-31',
    })
    expect(quoted.status, JSON.stringify(quoted.body)).toBe(201)
    expect(quoted.body).toMatchObject({ probability: '40.00', weightedAmount: '4000.00' })
    const followUp = await acme.patch(`${DEALS}/${quoted.body.id}`, {
      stage: (await stageId(acme, 'Relance')).id,
      version: quoted.body.version,
    })
    expect(followUp.body).toMatchObject({ probability: '30.00', weightedAmount: '3000.00' })

    const other = (await globex.post(ACCOUNTS, { name: 'Verrerie Lambert' })).body
    const theirs = await globex.post(DEALS, {
      name: 'Vitrages',
      account: other.id,
      stage: (await stageId(globex, 'Proposition')).id,
      amount: '10000',
      closeDate: '2027-03-31',
    })
    expect(theirs.body.probability).toBe('50.00')
  })

  it('cannot use another tenant’s stage', async () => {
    const account = (await globex.post(ACCOUNTS, { name: 'Menuiserie Gautier' })).body
    const r = await globex.post(DEALS, {
      name: 'Escalier',
      account: account.id,
      stage: (await stageId(acme, 'Relance')).id,
      closeDate: '2027-03-31',
    })
    expect(r.status).toBe(422)
    expect(r.body.errors[0].path).toBe('stage')
  })

  it('is changed by sales managers, not by sales reps', async () => {
    const rep = await t.as('acme', { roles: ['sales-rep'] })
    const relance = await stageId(acme, 'Relance')
    const refused = await rep.patch(`${STAGES}/${relance.id}`, {
      probability: '90',
      version: relance.version,
    })
    expect(refused.status).toBe(403)
    expect((await stageId(acme, 'Relance')).probability).toBe('30.00')
    const manager = await t.as('acme', { roles: ['sales-manager'] })
    const done = await manager.patch(`${STAGES}/${relance.id}`, {
      probability: '35',
      version: relance.version,
    })
    expect(done.status).toBe(200)
    expect(await pipeline(globex)).toEqual(DEFAULT)
  })
})
