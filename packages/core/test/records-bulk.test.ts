import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'

let t: TestCore
let admin: TestClient
const ids: string[] = []

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm], tenants: ['acme'] })
  admin = await t.as('acme')
  for (const name of ['Alpha', 'Bêta', 'Gamma'])
    ids.push((await admin.post('/api/v1/records/crm.company', { name })).body.id)
})
afterAll(() => t?.close())

const read = async () =>
  Promise.all(ids.map(async (id) => (await admin.get(`/api/v1/records/crm.company/${id}`)).body))

describe('bulk update', () => {
  it('changes every record in one go', async () => {
    const r = await admin.post('/api/v1/records/crm.company/bulk', {
      action: 'update',
      ids,
      data: { kind: 'customer' },
    })
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ count: 3 })
    expect((await read()).map((c) => c.kind)).toEqual(['customer', 'customer', 'customer'])
  })

  it('names the refused field under `data`, and changes nothing', async () => {
    const before = await read()
    const r = await admin.post('/api/v1/records/crm.company/bulk', {
      action: 'update',
      ids,
      data: { siren: '123', name: '' },
    })
    expect(r.status).toBe(422)
    const paths = r.body.errors.map((e: { path: string }) => e.path).sort()
    expect(paths).toEqual(['data.name', 'data.siren'])
    expect(r.body.detail).toContain(ids[0])
    expect(await read()).toEqual(before)
  })

  it('a record refused after others were changed rolls them all back', async () => {
    const before = await read()
    // A SIREN is unique: the first record takes it, the second is refused.
    const r = await admin.post('/api/v1/records/crm.company/bulk', {
      action: 'update',
      ids,
      data: { siren: '732829320', kind: 'supplier' },
    })
    expect(r.status).toBeGreaterThanOrEqual(400)
    expect(r.status).toBeLessThan(500)
    expect(JSON.stringify(r.body)).toContain('siren')
    expect(await read()).toEqual(before)
  })
})
