import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import { raw } from './auth-http'
import crm from './fixtures/crm/server'

let t: TestCore
let clock = Date.now()
let admin: TestClient
let rep: TestClient

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm], now: () => new Date(clock) })
  admin = await t.as('acme')
  rep = await t.as('acme', { roles: ['sales-rep'], name: 'Rep' })
})
afterAll(() => t?.close())

describe('API tokens', () => {
  it('shows the secret once and acts with its user’s rights', async () => {
    const created = await rep.post('/api/v1/auth/tokens', { name: 'Zapier' })
    expect(created.status).toBe(201)
    expect(created.body.token).toMatch(/^cpt_[a-z2-7]{32}$/)
    expect(created.body).toMatchObject({
      name: 'Zapier',
      expiresAt: null,
      prefix: created.body.token.slice(0, 10),
    })
    const list = await rep.get('/api/v1/auth/tokens')
    expect(list.body.data).toEqual([
      expect.objectContaining({ id: created.body.id, name: 'Zapier', lastUsedAt: null }),
    ])
    expect(JSON.stringify(list.body)).not.toContain(created.body.token.slice(4))
    const bearer = created.body.token
    const co = await raw(t, 'POST', '/api/v1/records/crm.company', {
      bearer,
      origin: null,
      body: { name: 'Par jeton' },
    })
    expect(co.status).toBe(201)
    expect(co.body.owner.id).toBe(rep.userId)
    const del = await raw(t, 'DELETE', `/api/v1/records/crm.company/${co.body.id}`, { bearer, origin: null })
    expect(del.status).toBe(403)
    const adminOnly = await raw(t, 'GET', '/api/v1/admin/users', { bearer })
    expect(adminOnly.status).toBe(403)
    expect((await rep.get('/api/v1/auth/tokens')).body.data[0].lastUsedAt).toBeTruthy()
  })

  it('stops working once revoked, and the revocation is audited', async () => {
    const { body } = await rep.post('/api/v1/auth/tokens', { name: 'CI' })
    expect((await raw(t, 'GET', '/api/v1/auth/me', { bearer: body.token })).status).toBe(200)
    expect((await rep.delete(`/api/v1/auth/tokens/${body.id}`)).status).toBe(200)
    const after = await raw(t, 'GET', '/api/v1/auth/me', { bearer: body.token })
    expect(after.status).toBe(401)
    expect(after.body.code).toBe('invalid-token')
    expect((await rep.get('/api/v1/auth/tokens')).body.data.map((x: any) => x.id)).not.toContain(body.id)
    expect((await rep.delete(`/api/v1/auth/tokens/${body.id}`)).status).toBe(404)
    const events = (await admin.get(`/api/v1/admin/audit?event=token&user=${rep.userId}`)).body.data.map(
      (e: any) => e.event,
    )
    expect(events.slice(0, 2)).toEqual(['token.revoked', 'token.created'])
  })

  it('expires at the chosen date, which must be in the future', async () => {
    const past = await rep.post('/api/v1/auth/tokens', { name: 'Old', expiresAt: '2000-01-01T00:00:00Z' })
    expect(past.status).toBe(422)
    expect(past.body.errors[0]).toMatchObject({ path: 'expiresAt', code: 'not_in_future' })
    const noName = await rep.post('/api/v1/auth/tokens', { name: ' ', expiresAt: 'tomorrow' })
    expect(noName.body.errors.map((e: any) => e.path).sort()).toEqual(['expiresAt', 'name'])
    const soon = await rep.post('/api/v1/auth/tokens', {
      name: 'Week',
      expiresAt: new Date(clock + 7 * 86_400_000).toISOString(),
    })
    expect(soon.status).toBe(201)
    expect((await raw(t, 'GET', '/api/v1/auth/me', { bearer: soon.body.token })).status).toBe(200)
    clock += 8 * 86_400_000
    expect((await raw(t, 'GET', '/api/v1/auth/me', { bearer: soon.body.token })).status).toBe(401)
    clock -= 8 * 86_400_000
  })

  it('cannot create another token with a token', async () => {
    const { body } = await rep.post('/api/v1/auth/tokens', { name: 'Script' })
    const r = await raw(t, 'POST', '/api/v1/auth/tokens', { bearer: body.token, body: { name: 'Child' } })
    expect(r.status).toBe(403)
    expect(r.body.code).toBe('session-required')
  })

  it('does not find another user’s or another tenant’s token', async () => {
    const { body } = await rep.post('/api/v1/auth/tokens', { name: 'Mine' })
    const colleague = await t.as('acme', { roles: ['sales-rep'] })
    expect((await colleague.delete(`/api/v1/auth/tokens/${body.id}`)).status).toBe(404)
    expect((await admin.delete(`/api/v1/auth/tokens/${body.id}`)).status).toBe(404)
    expect((await (await t.as('globex')).delete(`/api/v1/auth/tokens/${body.id}`)).status).toBe(404)
    expect((await colleague.delete('/api/v1/auth/tokens/not-a-uuid')).status).toBe(404)
    expect((await raw(t, 'GET', '/api/v1/auth/me', { bearer: body.token })).status).toBe(200)
  })

  it('dies with its user’s deactivation, together with their sessions', async () => {
    const u = await t.as('acme', { roles: ['sales-rep'] })
    const { body } = await u.post('/api/v1/auth/tokens', { name: 'Sync' })
    expect((await admin.post(`/api/v1/admin/users/${u.userId}/deactivate`)).status).toBe(200)
    expect((await raw(t, 'GET', '/api/v1/auth/me', { bearer: body.token })).status).toBe(401)
    expect((await u.get('/api/v1/auth/me')).status).toBe(401)
    expect((await admin.post(`/api/v1/admin/users/${u.userId}/activate`)).status).toBe(200)
    expect((await raw(t, 'GET', '/api/v1/auth/me', { bearer: body.token })).status).toBe(401)
    expect((await u.get('/api/v1/auth/me')).status).toBe(401)
  })
})
