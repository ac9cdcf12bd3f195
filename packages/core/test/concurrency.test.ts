import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'

let t: TestCore
let admin: TestClient
beforeAll(async () => {
  t = await createTestCore({ plugins: [crm], tenants: ['acme'] })
  admin = await t.as('acme')
})
afterAll(() => t?.close())

describe('concurrency', () => {
  it('50 concurrent updates with the same version: exactly one wins, the others get 409', async () => {
    const co = await admin.post('/api/v1/records/crm.company', { name: 'Course' })
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        admin.patch(`/api/v1/records/crm.company/${co.body.id}`, { version: 1, name: `Gagnant ${i}` }),
      ),
    )
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
    expect(results.filter((r) => r.status === 409)).toHaveLength(49)
    const final = await admin.get(`/api/v1/records/crm.company/${co.body.id}`)
    expect(final.body.version).toBe(2)
    const history = await admin.get(`/api/v1/records/crm.company/${co.body.id}/history`)
    expect(history.body.data.filter((h: any) => h.action === 'update')).toHaveLength(1)
  })

  it('50 parallel creations allocate numbers with no gap and no duplicate', async () => {
    const before = (await admin.get('/api/v1/records/crm.company?count=true')).body.total
    const created = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        admin.post('/api/v1/records/crm.company', { name: `Parallèle ${i}` }),
      ),
    )
    expect(created.every((r) => r.status === 201)).toBe(true)
    const numbers = created.map((r) => Number(r.body.number.slice(3))).sort((a, b) => a - b)
    expect(new Set(numbers).size).toBe(50)
    expect(numbers[numbers.length - 1] - numbers[0]).toBe(49)
    expect(numbers[0]).toBe(before + 1)
  })

  it('a refused creation gives its number back', async () => {
    const a = await admin.post('/api/v1/records/crm.company', { name: 'Avant' })
    const bad = await admin.post('/api/v1/records/crm.company', { name: 'Doublon', siren: '732829320' })
    const bad2 = await admin.post('/api/v1/records/crm.company', { name: 'Doublon 2', siren: '732829320' })
    expect(bad.status).toBe(201)
    expect(bad2.status).toBe(422)
    const c = await admin.post('/api/v1/records/crm.company', { name: 'Après' })
    expect(Number(c.body.number.slice(3))).toBe(Number(a.body.number.slice(3)) + 2)
  })
})
