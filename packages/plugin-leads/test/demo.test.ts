import { isSiren, isSiret } from '@comptoir/core'
import accounts from '@comptoir/plugin-accounts/server'
import contacts from '@comptoir/plugin-contacts/server'
import deals from '@comptoir/plugin-deals/server'
import { createTestCore, type TestClient, type TestCore } from '@comptoir/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import leads from '../src/server/index'

let t: TestCore
let admin: TestClient

async function all(ref: string): Promise<any[]> {
  const out: any[] = []
  let cursor: string | null = null
  do {
    const r: any = await admin.get(`/api/v1/records/${ref}?limit=200${cursor ? `&cursor=${cursor}` : ''}`)
    out.push(...r.body.data)
    cursor = r.body.nextCursor
  } while (cursor)
  return out
}

beforeAll(async () => {
  t = await createTestCore({ plugins: [accounts, contacts, leads, deals], tenants: ['demo'] })
  const tenantId = t.tenants.demo.id
  // Each plugin's demo, in the registry's dependency order, as the server runs them for the demo tenant.
  for (const p of t.core.registry.plugins) {
    if (p.demo) await t.core.withTenant(tenantId, (ctx) => p.demo!({ ctx, tenantId }))
  }
  admin = await t.as('demo')
}, 300_000)
afterAll(() => t?.close())

describe('demo data', () => {
  it('has about fifty accounts with valid identities and a few subsidiaries', async () => {
    const list = await all('accounts.account')
    expect(list.length).toBeGreaterThanOrEqual(50)
    expect(list.length).toBeLessThanOrEqual(60)
    const identified = list.filter((a) => a.siren)
    expect(identified.length).toBeGreaterThanOrEqual(50)
    for (const a of identified) {
      expect(isSiren(a.siren), a.name).toBe(true)
      if (a.siret) {
        expect(isSiret(a.siret), a.name).toBe(true)
        expect(a.siret.startsWith(a.siren), a.name).toBe(true)
      }
    }
    expect(list.some((a) => a.parentAccount)).toBe(true)
  })

  it('has about a hundred and fifty contacts, each at an account', async () => {
    const list = await all('contacts.contact')
    expect(list.length).toBeGreaterThanOrEqual(150)
    expect(list.length).toBeLessThanOrEqual(160)
    expect(list.every((c) => c.account?.id)).toBe(true)
    expect(list.some((c) => c.reportsTo)).toBe(true)
  })

  it('has eighty leads at every stage of qualification, a few of them converted', async () => {
    const list = await all('leads.lead')
    expect(list).toHaveLength(80)
    expect(new Set(list.map((l) => l.status)).size).toBeGreaterThanOrEqual(6)
    const converted = list.filter((l) => l.status === 'converted')
    expect(converted.length).toBeGreaterThan(0)
    for (const l of converted)
      expect(l.convertedAccount && l.convertedContact && l.convertedDeal).toBeTruthy()
  })

  it('has about forty deals across every stage, lost ones with their reason', async () => {
    const list = await all('deals.deal')
    expect(list.length).toBeGreaterThanOrEqual(40)
    expect(list.length).toBeLessThanOrEqual(50)
    const stages = await all('deals.stage')
    for (const s of stages)
      expect(
        list.some((d) => d.stage.id === s.id),
        s.name,
      ).toBe(true)
    const lost = stages.find((s) => s.kind === 'lost')
    for (const d of list.filter((x) => x.stage.id === lost.id)) expect(d.lostReason).toBeTruthy()
  })
})
