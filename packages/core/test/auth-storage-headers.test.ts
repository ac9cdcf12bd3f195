import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, TEST_PASSWORD, type TestClient, type TestCore } from '../src/testing'
import { login, raw } from './auth-http'
import crm from './fixtures/crm/server'

let t: TestCore
let admin: TestClient
const webRoot = mkdtempSync(join(tmpdir(), 'comptoir-web-'))

beforeAll(async () => {
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Comptoir</title><div id="app"></div>')
  t = await createTestCore({ plugins: [crm], tenants: ['acme'], config: { webRoot } })
  admin = await t.as('acme')
})
afterAll(async () => {
  await t?.close()
  rmSync(webRoot, { recursive: true, force: true })
})

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

function expectSecurityHeaders(h: Headers) {
  expect(h.get('x-content-type-options')).toBe('nosniff')
  expect(h.get('x-frame-options')).toBe('DENY')
  expect(h.get('referrer-policy')).toBe('same-origin')
  const csp = h.get('content-security-policy') ?? ''
  expect(csp).toContain("frame-ancestors 'none'")
  expect(csp).toContain("default-src 'self'")
  expect(csp).toContain("object-src 'none'")
}

describe('security headers', () => {
  it('are on API answers, /health, problems of every kind and the web app’s pages', async () => {
    const cases: [string, Promise<{ status: number; headers: Headers }>, number][] = [
      ['API 200', admin.get('/api/v1/auth/me'), 200],
      ['health', t.anonymous().get('/health'), 200],
      ['401 problem', t.anonymous().get('/api/v1/records/crm.company'), 401],
      ['403 problem', (async () => (await t.as('acme', { roles: [] })).get('/api/v1/admin/users'))(), 403],
      ['404 unknown route', admin.get('/api/v1/no-such-route'), 404],
      ['422 problem', admin.post('/api/v1/records/crm.company', {}), 422],
      ['web page', t.anonymous().get('/contacts/some/deep/link'), 200],
    ]
    for (const [name, pending, status] of cases) {
      const r = await pending
      expect(r.status, name).toBe(status)
      expectSecurityHeaders(r.headers)
    }
    const page = await t.anonymous().get('/')
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    const problem = await t.anonymous().get('/api/v1/records/crm.company')
    expect(problem.headers.get('content-type')).toContain('application/problem+json')
  })
})

describe('what is stored', () => {
  it('keeps only the SHA-256 of session tokens, never the token', async () => {
    const l = await login(t, t.tenants.acme.adminEmail, TEST_PASSWORD)
    expect(l.status).toBe(200)
    const token = l.cookie!
    expect(token).toMatch(/^[a-z2-7]{32}$/)
    const rows = await t.db.system((tx) =>
      tx.query<{ id: string }>('SELECT id FROM core_session WHERE user_id = $1', [t.tenants.acme.adminId]),
    )
    expect(rows.map((r) => r.id)).toContain(sha256(token))
    const dump = JSON.stringify(await t.db.system((tx) => tx.query('SELECT * FROM core_session')))
    expect(dump).not.toContain(token)
  })

  it('keeps only the SHA-256 of API tokens, never the secret', async () => {
    const created = await admin.post('/api/v1/auth/tokens', { name: 'Entrepôt' })
    expect(created.status).toBe(201)
    const secret: string = created.body.token.replace(/^cpt_/, '')
    const [row] = await t.db.system((tx) =>
      tx.query<{ token_hash: string; prefix: string }>(
        'SELECT token_hash, prefix FROM core_api_token WHERE id = $1',
        [created.body.id],
      ),
    )
    expect(row.token_hash).toBe(sha256(secret))
    expect(created.body.token.startsWith(row.prefix)).toBe(true)
    const dump = JSON.stringify(await t.db.system((tx) => tx.query('SELECT * FROM core_api_token')))
    expect(dump).not.toContain(secret)
    expect((await raw(t, 'GET', '/api/v1/auth/me', { bearer: created.body.token })).status).toBe(200)
  })

  it('hashes passwords with argon2id, salted', async () => {
    for (const email of ['a1@acme.test', 'a2@acme.test']) {
      const r = await admin.post('/api/v1/admin/users', { email, name: email, password: TEST_PASSWORD })
      expect(r.status).toBe(201)
    }
    const rows = await t.db.system((tx) =>
      tx.query<{ password_hash: string }>(
        "SELECT password_hash FROM core_user WHERE email IN ('a1@acme.test', 'a2@acme.test')",
      ),
    )
    expect(rows).toHaveLength(2)
    for (const r of rows) {
      expect(r.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
      expect(r.password_hash).not.toContain(TEST_PASSWORD)
    }
    expect(rows[0].password_hash).not.toBe(rows[1].password_hash)
  })
})
