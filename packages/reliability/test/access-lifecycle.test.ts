import { createTestCore, TEST_ORIGIN, TEST_PASSWORD, type TestCore } from '@comptoir/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PLUGINS } from '../src/plugins'
import { appFetcher, type Fetcher, sessionClient, signIn } from '../src/session-client'

const PLATFORM = 'platform-token-reliability-0123456789'
const DAY = 86_400_000
let clock = Date.now()
let t: TestCore
let fetcher: Fetcher

beforeAll(async () => {
  t = await createTestCore({
    plugins: PLUGINS,
    tenants: ['acme', 'globex'],
    now: () => new Date(clock),
    config: { platformToken: PLATFORM },
  })
  fetcher = appFetcher(t.app)
})
afterAll(() => t?.close())

const admin = (slug = 'acme') =>
  signIn(fetcher, TEST_ORIGIN, { email: `admin@${slug}.test`, password: TEST_PASSWORD })
const withCookie = (cookie: string) => sessionClient(fetcher, TEST_ORIGIN, cookie)
const bearer = (token: string, path: string, headers: Record<string, string> = {}) =>
  fetcher(`${TEST_ORIGIN}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } })

/** A user of acme with the sales-rep role, signed in, with an API token. */
async function rep(email: string) {
  const a = await admin()
  const created = await a.request('POST', '/api/v1/admin/users', {
    email,
    name: 'Représentant',
    password: 'mot-de-passe-solide-42',
  })
  expect(created.status).toBe(201)
  const session = await signIn(fetcher, TEST_ORIGIN, { email, password: 'mot-de-passe-solide-42' })
  const token = (await session.request('POST', '/api/v1/auth/tokens', { name: 'cli' })).body.token as string
  return { id: created.body.id as string, session, token }
}

describe('access lifecycle', () => {
  it('session fixation: a cookie chosen before sign-in is never adopted, and the previous session ends', async () => {
    const fixed = 'abcdefghijklmnopqrstuvwxyz234567'
    const res = await fetcher(`${TEST_ORIGIN}/api/v1/auth/login`, {
      method: 'POST',
      headers: {
        origin: TEST_ORIGIN,
        'content-type': 'application/json',
        cookie: `comptoir_session=${fixed}`,
      },
      body: JSON.stringify({ email: 'admin@acme.test', password: TEST_PASSWORD }),
    })
    const issued = /comptoir_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1]
    expect(issued).toBeTruthy()
    expect(issued).not.toBe(fixed)
    expect((await withCookie(fixed).request('GET', '/api/v1/bootstrap')).status).toBe(401)
    const first = await admin()
    const second = await fetcher(`${TEST_ORIGIN}/api/v1/auth/login`, {
      method: 'POST',
      headers: {
        origin: TEST_ORIGIN,
        'content-type': 'application/json',
        cookie: `comptoir_session=${first.cookie}`,
      },
      body: JSON.stringify({ email: 'admin@acme.test', password: TEST_PASSWORD }),
    })
    expect(second.status).toBe(200)
    expect((await first.request('GET', '/api/v1/bootstrap')).status).toBe(401)
  })

  it('forged cookies and session ids are refused', async () => {
    const a = await admin()
    const [row] = await t.db.system((tx) =>
      tx.query<{ id: string }>('SELECT id FROM core_session ORDER BY created_at DESC LIMIT 1'),
    )
    for (const cookie of [
      row.id,
      `${a.cookie}x`,
      a.cookie.toUpperCase(),
      '',
      '../../etc/passwd',
      // Another first character (a real token may itself start with `x`).
      `${a.cookie[0] === 'x' ? 'y' : 'x'}${a.cookie.slice(1)}`,
    ]) {
      const r = await withCookie(cookie).request('GET', '/api/v1/bootstrap')
      expect(r.status, cookie).toBe(401)
    }
  })

  it('a forged tenant header, query or cookie never changes the tenant a session acts in', async () => {
    const a = await admin('acme')
    const globex = t.tenants.globex
    const forged: Record<string, string>[] = [
      { 'x-tenant-id': globex.id },
      { 'x-comptoir-tenant': globex.slug },
      { 'x-forwarded-host': `${globex.slug}.comptoir.test` },
      { cookie: `comptoir_session=${a.cookie}; comptoir_tenant=${globex.id}; tenant=${globex.slug}` },
    ]
    for (const headers of forged) {
      const r = await a.request('GET', `/api/v1/bootstrap?tenant=${globex.id}`, undefined, headers)
      expect(r.status).toBeLessThan(500)
      if (r.status === 200) expect(r.body.tenant.id).toBe(t.tenants.acme.id)
    }
  })

  it('logout, revoking a session and changing the password end sessions for good', async () => {
    const a = await admin()
    expect((await a.request('POST', '/api/v1/auth/logout', {})).status).toBe(200)
    expect((await a.request('GET', '/api/v1/bootstrap')).status).toBe(401)
    const b = await admin()
    const c = await admin()
    const sessions = (await b.request('GET', '/api/v1/auth/sessions')).body.data
    const other = sessions.find((s: any) => !s.current)
    expect((await b.request('DELETE', `/api/v1/auth/sessions/${other.id}`)).status).toBe(200)
    const stillThere = sessions.filter((s: any) => !s.current).length
    expect(stillThere).toBeGreaterThan(0)
    const u = await rep('rep.password@acme.test')
    const elsewhere = await signIn(fetcher, TEST_ORIGIN, {
      email: 'rep.password@acme.test',
      password: 'mot-de-passe-solide-42',
    })
    const changed = await u.session.request('POST', '/api/v1/auth/password', {
      current: 'mot-de-passe-solide-42',
      next: 'nouveau-mot-de-passe-99',
    })
    expect(changed.status).toBe(200)
    expect((await elsewhere.request('GET', '/api/v1/bootstrap')).status).toBe(401)
    expect((await u.session.request('GET', '/api/v1/bootstrap')).status).toBe(401)
    expect(c).toBeTruthy()
  })

  it('expired sessions and API tokens are refused', async () => {
    const u = await rep('rep.expiry@acme.test')
    const short = (
      await u.session.request('POST', '/api/v1/auth/tokens', {
        name: 'court',
        expiresAt: new Date(clock + DAY).toISOString(),
      })
    ).body.token
    expect((await bearer(short, '/api/v1/bootstrap')).status).toBe(200)
    clock += 2 * DAY
    expect((await bearer(short, '/api/v1/bootstrap')).status).toBe(401)
    expect((await bearer(u.token, '/api/v1/bootstrap')).status).toBe(200)
    clock += t.core.config.sessionDays * DAY + DAY
    expect((await u.session.request('GET', '/api/v1/bootstrap')).status).toBe(401)
    clock = Date.now()
  })

  it('a revoked API token is refused, and a token cannot mint another', async () => {
    const u = await rep('rep.token@acme.test')
    const minted = await fetcher(`${TEST_ORIGIN}/api/v1/auth/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${u.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'second' }),
    })
    expect(minted.status).toBe(403)
    const list = (await u.session.request('GET', '/api/v1/auth/tokens')).body.data
    expect((await u.session.request('DELETE', `/api/v1/auth/tokens/${list[0].id}`)).status).toBe(200)
    expect((await bearer(u.token, '/api/v1/bootstrap')).status).toBe(401)
  })

  it('a deactivated user is refused everywhere: session, token and sign-in', async () => {
    const u = await rep('rep.gone@acme.test')
    const a = await admin()
    expect((await a.request('POST', `/api/v1/admin/users/${u.id}/deactivate`, {})).status).toBe(200)
    expect((await u.session.request('GET', '/api/v1/bootstrap')).status).toBe(401)
    expect((await bearer(u.token, '/api/v1/bootstrap')).status).toBe(401)
    await expect(
      signIn(fetcher, TEST_ORIGIN, { email: 'rep.gone@acme.test', password: 'mot-de-passe-solide-42' }),
    ).rejects.toThrow(/401/)
  })

  it('a suspended tenant is refused everywhere, and comes back intact', async () => {
    const u = await rep('rep.suspended@acme.test')
    const platform = (status: string) =>
      fetcher(`${TEST_ORIGIN}/api/v1/platform/tenants/${t.tenants.acme.id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${PLATFORM}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status }),
      })
    expect((await platform('suspended')).status).toBe(200)
    expect((await u.session.request('GET', '/api/v1/bootstrap')).status).toBe(403)
    expect(
      (await u.session.request('POST', '/api/v1/records/accounts.account', { name: 'Pendant' })).status,
    ).toBe(403)
    expect((await bearer(u.token, '/api/v1/records/accounts.account')).status).toBe(403)
    await expect(admin()).rejects.toThrow(/401/)
    expect((await platform('active')).status).toBe(200)
    expect((await u.session.request('GET', '/api/v1/bootstrap')).status).toBe(200)
    const list = await (await admin()).request(
      'GET',
      '/api/v1/records/accounts.account?filter[name][eq]=Pendant',
    )
    expect(list.body.data).toEqual([])
  })
})
