import { createTestCore, type TestCore } from '@comptoir/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import plugin from '../src/server'

describe('GET /api/v1/p/__id__/summary', () => {
  let t: TestCore
  beforeAll(async () => {
    t = await createTestCore({ plugins: [plugin] })
  })
  afterAll(() => t.close())

  it('counts the tenant’s records by status', async () => {
    const admin = await t.as('acme')
    for (const [name, status] of [
      ['First', 'planned'],
      ['Second', 'planned'],
      ['Third', 'done'],
    ]) {
      expect((await admin.post('/api/v1/records/__id__.__entity__', { name, status })).status).toBe(201)
    }
    const res = await admin.get('/api/v1/p/__id__/summary')
    expect(res.status).toBe(200)
    expect(res.body.byStatus).toEqual({ planned: 2, done: 1, cancelled: 0 })
    const other = await t.as('globex')
    expect((await other.get('/api/v1/p/__id__/summary')).body.byStatus.planned).toBe(0)
  })

  it('refuses a user whose roles do not grant reading', async () => {
    const nobody = await t.as('acme', { grants: {} })
    expect((await nobody.get('/api/v1/p/__id__/summary')).status).toBe(403)
  })

  it('rejects an unknown status with the field named', async () => {
    const admin = await t.as('acme')
    const res = await admin.post('/api/v1/records/__id__.__entity__', { name: 'X', status: 'lost' })
    expect(res.status).toBe(422)
    expect(res.body.errors).toMatchObject([{ path: 'status', code: 'invalid_option' }])
  })
})
