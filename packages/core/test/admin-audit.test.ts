import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import { TEST_PASSWORD } from '../src/testing/test-core'
import { login } from './auth-http'
import crm from './fixtures/crm/server'

let t: TestCore
let admin: TestClient
let globex: TestClient

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm] })
  admin = await t.as('acme')
  globex = await t.as('globex')
  for (let i = 0; i < 3; i++) await login(t, 'admin@acme.test', TEST_PASSWORD, { ip: '192.0.2.1' })
  await admin.post('/api/v1/admin/roles', { name: 'Audit', grants: { 'crm.company.read': 'all' } })
  await login(t, 'admin@globex.test', TEST_PASSWORD)
})
afterAll(() => t?.close())

describe('audit log', () => {
  it('lists the tenant’s security events, newest first, page by page', async () => {
    const all = await admin.get('/api/v1/admin/audit')
    expect(all.body.data[0]).toMatchObject({
      event: 'role.created',
      actor: { id: admin.userId, name: 'Admin acme' },
    })
    const logins = await admin.get('/api/v1/admin/audit?event=login&limit=2')
    expect(logins.body.data).toHaveLength(2)
    expect(logins.body.data[0]).toMatchObject({
      event: 'login',
      ip: '192.0.2.1',
      detail: { via: 'password' },
    })
    const rest = await admin.get(`/api/v1/admin/audit?event=login&limit=2&cursor=${logins.body.nextCursor}`)
    expect(rest.body.data).toHaveLength(1)
    expect(rest.body.nextCursor).toBeNull()
    const ids = [...logins.body.data, ...rest.body.data].map((e: any) => e.id)
    expect(new Set(ids).size).toBe(3)
  })

  it('filters by acting user and keeps tenants apart', async () => {
    const mine = await admin.get(`/api/v1/admin/audit?user=${admin.userId}`)
    expect(mine.body.data.every((e: any) => e.actor?.id === admin.userId)).toBe(true)
    expect((await admin.get(`/api/v1/admin/audit?user=${globex.userId}`)).body.data).toEqual([])
    const theirs = await globex.get('/api/v1/admin/audit')
    expect(theirs.body.data.map((e: any) => e.event)).toEqual(['login'])
    expect(theirs.body.data[0].actor.email).toBe('admin@globex.test')
  })

  it('names bad parameters and is for administrators only', async () => {
    const bad = await admin.get('/api/v1/admin/audit?event=%25&user=me&cursor=x&limit=0')
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: any) => e.path).sort()).toEqual(['cursor', 'event', 'limit', 'user'])
    const rep = await t.as('acme', { roles: ['sales-rep'] })
    expect((await rep.get('/api/v1/admin/audit')).status).toBe(403)
  })
})
