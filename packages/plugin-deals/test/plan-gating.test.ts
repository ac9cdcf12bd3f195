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

function contributedBy(boot: any, plugin: string) {
  return {
    entities: Object.keys(boot.entities).filter((ref) => ref.startsWith(`${plugin}.`)),
    relatedLists: Object.values(boot.entities).flatMap((e: any) =>
      e.relatedLists.filter((l: any) => l.plugin === plugin).map((l: any) => `${e.ref}:${l.id}`),
    ),
    navigation: boot.navigation
      .flatMap((g: any) => g.items)
      .filter((i: any) => i.plugin === plugin)
      .map((i: any) => i.id),
  }
}

describe('plan gating', () => {
  it('hides the pipeline and the related lists while deals is disabled and brings everything back', async () => {
    const stages = (await admin.get('/api/v1/records/deals.stage?sort=position')).body.data
    const acc = (await admin.post(ACCOUNTS, { name: 'Domaine Chevalier' })).body
    const person = (await admin.post(CONTACTS, { lastName: 'Chevalier', account: acc.id })).body
    const d = (
      await admin.post(DEALS, {
        name: 'Équipement du chai',
        account: acc.id,
        contact: person.id,
        stage: stages[2].id,
        amount: '38000.00',
        closeDate: '2027-01-15',
      })
    ).body
    const before = (await admin.get(`${DEALS}/${d.id}`)).body
    expect(contributedBy((await admin.get('/api/v1/bootstrap')).body, 'deals')).toEqual({
      entities: ['deals.stage', 'deals.deal'],
      relatedLists: ['accounts.account:deals.deal.account', 'contacts.contact:deals.deal.contact'],
      navigation: ['deals', 'pipeline'],
    })

    expect((await admin.post('/api/v1/admin/plugins/deals/disable')).status).toBe(200)
    for (const r of [
      await admin.get(DEALS),
      await admin.get(`${DEALS}/${d.id}`),
      await admin.post(DEALS, { name: 'x' }),
      await admin.patch(`${DEALS}/${d.id}`, { version: d.version, amount: '1' }),
      await admin.get('/api/v1/records/deals.stage'),
    ]) {
      expect(r.status).toBe(403)
      expect(r.body.code).toBe('plugin-not-enabled')
    }
    expect((await admin.get(`${ACCOUNTS}/${acc.id}/related/deals.deal.account`)).status).toBe(404)
    const boot = (await admin.get('/api/v1/bootstrap')).body
    expect(contributedBy(boot, 'deals')).toEqual({ entities: [], relatedLists: [], navigation: [] })
    expect(boot.plugins.map((p: any) => p.id)).not.toContain('deals')
    expect(boot.entities['accounts.account']).toBeDefined()
    const search = await admin.get('/api/v1/search?q=chai')
    expect(JSON.stringify(search.body)).not.toContain(d.id)
    expect((await admin.get(`${ACCOUNTS}/${acc.id}`)).status).toBe(200)

    expect((await admin.post('/api/v1/admin/plugins/deals/enable')).status).toBe(200)
    expect((await admin.get(`${DEALS}/${d.id}`)).body).toEqual(before)
    expect((await admin.get('/api/v1/records/deals.stage')).body.data).toHaveLength(6)
    const related = await admin.get(`${ACCOUNTS}/${acc.id}/related/deals.deal.account`)
    expect(related.body.data.map((x: any) => x.id)).toEqual([d.id])
    expect(contributedBy((await admin.get('/api/v1/bootstrap')).body, 'deals').relatedLists).toHaveLength(2)
  })

  it('refuses to enable deals for a tenant whose plan does not include it', async () => {
    const core = await createTestCore({
      plugins: [accounts, contacts, deals],
      config: { plans: { essentiel: ['accounts', 'contacts'], pro: '*' }, defaultPlan: 'essentiel' },
      tenants: ['bistrot'],
    })
    try {
      const owner = await core.as('bistrot')
      expect((await owner.get(DEALS)).body.code).toBe('plugin-not-enabled')
      const r = await owner.post('/api/v1/admin/plugins/deals/enable')
      expect(r.status).toBe(403)
      expect(r.body.code).toBe('plugin-not-in-plan')
      const nav = (await owner.get('/api/v1/bootstrap')).body.navigation.flatMap((g: any) => g.items)
      expect(nav.map((i: any) => i.id)).toEqual(['accounts', 'contacts'])
    } finally {
      await core.close()
    }
  })
})
