import { createTestCore, TEST_ORIGIN, TEST_PASSWORD, type TestCore } from '@comptoir/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PLUGINS } from '../src/plugins'
import { apiRoutes, expandRoute, isTenantRoute } from '../src/route-catalog'
import { type SeededTenant, seedTenant } from '../src/seed-tenant'
import { appFetcher, type Fetcher, type SessionClient, signIn } from '../src/session-client'
import { createTenantObjects, type TenantObjects } from '../src/tenant-objects'
import { tenantFingerprint } from '../src/tenant-fingerprint'

let t: TestCore
let fetcher: Fetcher
let admin: SessionClient
let seed: SeededTenant
let objects: TenantObjects

beforeAll(async () => {
  t = await createTestCore({ plugins: PLUGINS, tenants: ['acme'] })
  const client = await t.as('acme')
  seed = await seedTenant(client, 'Acme')
  objects = await createTenantObjects(t, client, 'Acme')
  fetcher = appFetcher(t.app)
  admin = await signIn(fetcher, TEST_ORIGIN, { email: 'admin@acme.test', password: TEST_PASSWORD })
})
afterAll(() => t?.close())

const FORGED: { name: string; headers: (cookie: string) => Record<string, string>; method?: string }[] = [
  {
    name: 'foreign Origin',
    headers: (c) => ({ cookie: c, origin: 'https://evil.example', 'content-type': 'application/json' }),
  },
  { name: 'no Origin', headers: (c) => ({ cookie: c, 'content-type': 'application/json' }) },
  { name: 'text/plain', headers: (c) => ({ cookie: c, origin: TEST_ORIGIN, 'content-type': 'text/plain' }) },
  {
    name: 'form',
    headers: (c) => ({ cookie: c, origin: TEST_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }),
  },
  {
    name: 'Origin null',
    headers: (c) => ({ cookie: c, origin: 'null', 'content-type': 'application/json' }),
  },
  {
    name: 'sibling Origin',
    headers: (c) => ({
      cookie: c,
      origin: 'http://comptoir.test.evil.example',
      'content-type': 'application/json',
    }),
  },
  { name: 'as GET', headers: (c) => ({ cookie: c, origin: 'https://evil.example' }), method: 'GET' },
]

describe('CSRF', () => {
  it('every state-changing route refuses forged requests and changes nothing', async () => {
    const book = (kind: string, entity?: string) =>
      kind === 'record' || kind === 'linkTarget'
        ? seed.ids[entity ?? '']
        : kind === 'trashed'
          ? entity === 'accounts.account'
            ? seed.trashedAccountId
            : undefined
          : objects[`${kind}Id` as keyof TenantObjects]
    const routes = apiRoutes(t.app)
      .filter((r) => r.method !== 'GET')
      .filter((r) => isTenantRoute(r) || /\/auth\/(logout|password)$/.test(r.path))
      .flatMap((r) => expandRoute(r, t.core.registry, book as never))
    const before = await tenantFingerprint(t.db, t.tenants.acme.id)
    const faults: string[] = []
    let sent = 0
    for (const r of routes) {
      for (const f of FORGED) {
        const method = f.method ?? r.method
        const res = await fetcher(`${TEST_ORIGIN}${r.path}`, {
          method,
          headers: f.headers(`comptoir_session=${admin.cookie}`),
          body:
            method === 'GET'
              ? undefined
              : JSON.stringify({ name: 'Forgé', version: 1, target: seed.otherAccountId }),
        })
        sent++
        const body = await res.text()
        if (method !== 'GET' && (res.status !== 403 || !body.includes('"csrf"')))
          faults.push(`${f.name} ${r.method} ${r.path} → ${res.status}`)
        if (method === 'GET' && res.status >= 500)
          faults.push(`${f.name} ${r.method} ${r.path} → ${res.status}`)
      }
    }
    console.log(`CSRF: ${routes.length} state-changing routes, ${sent} forged requests`)
    expect(faults).toEqual([])
    expect(await tenantFingerprint(t.db, t.tenants.acme.id)).toEqual(before)
    expect(routes.length).toBeGreaterThan(40)
  })

  it('signing in and asking for a reset from another site are refused', async () => {
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/auth/password-reset',
      '/api/v1/auth/password-reset/confirm',
    ]) {
      const res = await fetcher(`${TEST_ORIGIN}${path}`, {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@acme.test', password: TEST_PASSWORD, token: 'x' }),
      })
      expect(res.status, path).toBe(403)
    }
  })

  it('the session cookie is HttpOnly and SameSite, so other sites cannot read or send it', async () => {
    const res = await fetcher(`${TEST_ORIGIN}/api/v1/auth/login`, {
      method: 'POST',
      headers: { origin: TEST_ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@acme.test', password: TEST_PASSWORD }),
    })
    const cookie = res.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=(Lax|Strict)/i)
  })
})
