import { uuidv7 } from '@comptoir/core/server'
import { createTestCore, type TestCore } from '@comptoir/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { size } from '../src/budget'
import { PLUGINS } from '../src/plugins'
import { tenantFingerprint } from '../src/tenant-fingerprint'

const PROBES = size(300, 1000)
let t: TestCore
const existing: { ref: string; id: string }[] = []

beforeAll(async () => {
  t = await createTestCore({ plugins: PLUGINS, tenants: ['acme', 'globex'] })
  await t.core.withTenant(t.tenants.acme.id, async (ctx) => {
    for (let i = 0; existing.length < PROBES / 2; i++) {
      const account = await ctx.records('accounts.account').create({ name: `Acme ${i}` }, { system: true })
      existing.push({ ref: 'accounts.account', id: account.id })
      const contact = await ctx
        .records('contacts.contact')
        .create({ lastName: `Acme ${i}`, account: account.id }, { system: true })
      existing.push({ ref: 'contacts.contact', id: contact.id })
    }
  })
})
afterAll(() => t?.close())

describe('id enumeration', () => {
  it(`${PROBES} ids of the other tenant, half real, half made up: every answer is the same 404`, async () => {
    const intruder = await t.as('globex')
    const before = await tenantFingerprint(t.db, t.tenants.acme.id)
    const probes = [
      ...existing.map((e) => ({ ...e, real: true })),
      ...existing.map((e) => ({ ref: e.ref, id: uuidv7(), real: false })),
    ]
    const answers = new Map<string, number>()
    for (const p of probes) {
      for (const suffix of ['', '/history']) {
        const r = await intruder.get(`/api/v1/records/${p.ref}/${p.id}${suffix}`)
        const key = `${r.status} ${JSON.stringify(r.body)} ${r.headers.get('content-type')}`
        answers.set(key, (answers.get(key) ?? 0) + 1)
      }
    }
    expect([...answers.keys()]).toHaveLength(1)
    expect([...answers.keys()][0]).toMatch(/^404 /)
    expect(probes.length).toBe(PROBES)
    expect(await tenantFingerprint(t.db, t.tenants.acme.id)).toEqual(before)
  })
})
