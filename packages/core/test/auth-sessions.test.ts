import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashSecret } from '../src/auth/tokens'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import { TEST_PASSWORD } from '../src/testing/test-core'
import { login, raw } from './auth-http'
import crm from './fixtures/crm/server'

let t: TestCore
let admin: TestClient
let clock = Date.now()
const EMAIL = 'admin@acme.test'

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm], now: () => new Date(clock) })
  admin = await t.as('acme')
})
afterAll(() => t?.close())

describe('sessions', () => {
  it('issues a new HttpOnly, SameSite=Lax token at each login and ends the browser’s previous session', async () => {
    const first = await login(t, EMAIL, TEST_PASSWORD)
    expect(first.status).toBe(200)
    const set = first.headers.getSetCookie()[0]
    expect(set).toMatch(/HttpOnly/)
    expect(set).toMatch(/SameSite=Lax/)
    expect(set).not.toMatch(/Secure/)
    const second = await login(t, EMAIL, TEST_PASSWORD, { cookie: first.cookie })
    expect(second.cookie).toBeTruthy()
    expect(second.cookie).not.toBe(first.cookie)
    expect((await raw(t, 'GET', '/api/v1/auth/me', { cookie: first.cookie })).status).toBe(401)
    expect((await raw(t, 'GET', '/api/v1/auth/me', { cookie: second.cookie })).status).toBe(200)
  })

  it('marks the cookie Secure behind TLS', async () => {
    const r = await raw(t, 'POST', '/api/v1/auth/login', {
      body: { email: EMAIL, password: TEST_PASSWORD },
      origin: 'https://comptoir.test',
      headers: { 'x-forwarded-proto': 'https' },
    })
    expect(r.status).toBe(200)
    expect(r.headers.getSetCookie()[0]).toMatch(/Secure/)
  })

  it('lists my sessions under public ids, never their hashes, and revokes another one', async () => {
    const laptop = await raw(t, 'POST', '/api/v1/auth/login', {
      body: { email: EMAIL, password: TEST_PASSWORD },
      headers: { 'user-agent': 'Laptop Firefox' },
      ip: '192.0.2.10',
    })
    const phone = await raw(t, 'POST', '/api/v1/auth/login', {
      body: { email: EMAIL, password: TEST_PASSWORD },
      headers: { 'user-agent': 'Phone Safari' },
      ip: '192.0.2.11',
    })
    const list = await raw(t, 'GET', '/api/v1/auth/sessions', { cookie: phone.cookie })
    expect(list.status).toBe(200)
    const mine = list.body.data
    const current = mine.filter((s: any) => s.current)
    expect(current).toHaveLength(1)
    expect(current[0]).toMatchObject({ userAgent: 'Phone Safari', ip: '192.0.2.11' })
    expect(current[0].createdAt).toBeTruthy()
    expect(current[0].lastUsedAt).toBeTruthy()
    expect(current[0].expiresAt).toBeTruthy()
    const hashes = [hashSecret(laptop.cookie!), hashSecret(phone.cookie!)]
    for (const s of mine) for (const h of hashes) expect(h.startsWith(s.id)).toBe(false)
    expect(JSON.stringify(list.body)).not.toContain(hashes[0])
    const target = mine.find((s: any) => s.userAgent === 'Laptop Firefox')
    const del = await raw(t, 'DELETE', `/api/v1/auth/sessions/${target.id}`, { cookie: phone.cookie })
    expect(del.status).toBe(200)
    expect((await raw(t, 'GET', '/api/v1/auth/me', { cookie: laptop.cookie })).status).toBe(401)
    expect((await raw(t, 'GET', '/api/v1/auth/me', { cookie: phone.cookie })).status).toBe(200)
    const again = await raw(t, 'DELETE', `/api/v1/auth/sessions/${target.id}`, { cookie: phone.cookie })
    expect(again.status).toBe(404)
  })

  it('revoking the current session signs out', async () => {
    const s = await login(t, EMAIL, TEST_PASSWORD)
    const list = await raw(t, 'GET', '/api/v1/auth/sessions', { cookie: s.cookie })
    const current = list.body.data.find((x: any) => x.current)
    const del = await raw(t, 'DELETE', `/api/v1/auth/sessions/${current.id}`, { cookie: s.cookie })
    expect(del.status).toBe(200)
    expect(del.cookie).toBe('')
    expect((await raw(t, 'GET', '/api/v1/auth/me', { cookie: s.cookie })).status).toBe(401)
  })

  it('does not find another user’s or another tenant’s session', async () => {
    const mine = await login(t, EMAIL, TEST_PASSWORD)
    const id = (await raw(t, 'GET', '/api/v1/auth/sessions', { cookie: mine.cookie })).body.data.find(
      (x: any) => x.current,
    ).id
    const other = await t.as('globex')
    expect((await other.delete(`/api/v1/auth/sessions/${id}`)).status).toBe(404)
    const colleague = await t.as('acme', { roles: ['sales-rep'] })
    expect((await colleague.delete(`/api/v1/auth/sessions/${id}`)).status).toBe(404)
    expect((await colleague.get('/api/v1/auth/sessions')).body.data.map((s: any) => s.id)).not.toContain(id)
    expect((await raw(t, 'GET', '/api/v1/auth/me', { cookie: mine.cookie })).status).toBe(200)
  })

  it('slides the expiry and records when a session was last used', async () => {
    const start = clock
    const s = await login(t, EMAIL, TEST_PASSWORD)
    const before = (await raw(t, 'GET', '/api/v1/auth/sessions', { cookie: s.cookie })).body.data.find(
      (x: any) => x.current,
    )
    clock += 20 * 86_400_000
    const renewed = await raw(t, 'GET', '/api/v1/auth/sessions', { cookie: s.cookie })
    expect(renewed.cookie).toBe(s.cookie)
    const after = renewed.body.data.find((x: any) => x.current)
    expect(new Date(after.expiresAt).getTime()).toBeGreaterThan(new Date(before.expiresAt).getTime())
    clock += 10 * 60_000
    const later = (await raw(t, 'GET', '/api/v1/auth/sessions', { cookie: s.cookie })).body.data.find(
      (x: any) => x.current,
    )
    expect(new Date(later.lastUsedAt).getTime()).toBeGreaterThan(new Date(before.lastUsedAt).getTime())
    clock += 31 * 86_400_000
    expect((await raw(t, 'GET', '/api/v1/auth/me', { cookie: s.cookie })).status).toBe(401)
    clock = start
  })

  it('logs out and records it', async () => {
    const s = await login(t, EMAIL, TEST_PASSWORD)
    expect((await raw(t, 'POST', '/api/v1/auth/logout', { cookie: s.cookie, body: {} })).status).toBe(200)
    expect((await raw(t, 'GET', '/api/v1/auth/me', { cookie: s.cookie })).status).toBe(401)
    const audit = await admin.get('/api/v1/admin/audit?event=logout')
    expect(audit.body.data[0]).toMatchObject({ event: 'logout', actor: { email: EMAIL } })
  })
})

describe('cross-site requests', () => {
  it('refuses cookie writes without a same-origin Origin or with a non-JSON body, and changes nothing', async () => {
    const s = await login(t, EMAIL, TEST_PASSWORD)
    const body = { entity: 'crm.company', name: 'Forged' }
    const noOrigin = await raw(t, 'POST', '/api/v1/views', { cookie: s.cookie, origin: null, body })
    expect(noOrigin.status).toBe(403)
    expect(noOrigin.body.code).toBe('csrf')
    const foreign = await raw(t, 'POST', '/api/v1/views', {
      cookie: s.cookie,
      origin: 'https://evil.example',
      body,
    })
    expect(foreign.status).toBe(403)
    const text = await raw(t, 'POST', '/api/v1/views', {
      cookie: s.cookie,
      body: JSON.stringify(body),
      contentType: 'text/plain',
    })
    expect(text.status).toBe(403)
    const form = await raw(t, 'PATCH', '/api/v1/auth/me', {
      cookie: s.cookie,
      origin: 'https://evil.example',
      body: { name: 'Pwned' },
    })
    expect(form.status).toBe(403)
    const views = await raw(t, 'GET', '/api/v1/views?entity=crm.company', { cookie: s.cookie })
    expect(views.body.data).toEqual([])
    expect((await raw(t, 'GET', '/api/v1/auth/me', { cookie: s.cookie })).body.user.name).toBe('Admin acme')
  })

  it('changes nothing through GET, and refuses a foreign Origin on session revocation', async () => {
    const s = await login(t, EMAIL, TEST_PASSWORD)
    expect((await raw(t, 'GET', '/api/v1/auth/logout', { cookie: s.cookie })).status).toBeGreaterThanOrEqual(
      400,
    )
    const id = (await raw(t, 'GET', '/api/v1/auth/sessions', { cookie: s.cookie })).body.data.find(
      (x: any) => x.current,
    ).id
    const del = await raw(t, 'DELETE', `/api/v1/auth/sessions/${id}`, {
      cookie: s.cookie,
      origin: 'https://evil.example',
    })
    expect(del.status).toBe(403)
    expect((await raw(t, 'GET', '/api/v1/auth/me', { cookie: s.cookie })).status).toBe(200)
  })

  it('refuses a login posted from another site', async () => {
    const r = await raw(t, 'POST', '/api/v1/auth/login', {
      body: { email: EMAIL, password: TEST_PASSWORD },
      origin: 'https://evil.example',
    })
    expect(r.status).toBe(403)
    expect(r.cookie).toBeUndefined()
  })
})

describe('my profile', () => {
  it('changes my name and language; errors then speak that language', async () => {
    const me = await t.as('acme', { roles: ['sales-rep'], name: 'Lucie' })
    const r = await me.patch('/api/v1/auth/me', { name: 'Lucie Martin', locale: 'en' })
    expect(r.status).toBe(200)
    expect(r.body.user).toMatchObject({ name: 'Lucie Martin', locale: 'en' })
    expect((await me.get('/api/v1/auth/me')).body.user).toMatchObject({ name: 'Lucie Martin', locale: 'en' })
    const bad = await me.patch('/api/v1/auth/me', { name: '', locale: 'de' })
    expect(bad.status).toBe(422)
    expect(bad.body.title).toBe('Some values are invalid.')
    expect(bad.body.errors.map((e: any) => e.path).sort()).toEqual(['locale', 'name'])
    expect((await me.get('/api/v1/auth/me')).body.user.name).toBe('Lucie Martin')
  })
})
