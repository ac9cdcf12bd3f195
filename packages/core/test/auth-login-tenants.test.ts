import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { passwordVerifications } from '../src/auth/password'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import { login } from './auth-http'
import crm from './fixtures/crm/server'

let t: TestCore
const SLUGS = ['acme', 'globex', 'initech']
const admins: Record<string, TestClient> = {}
const PASSWORD = 'le même mot de passe partout'

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm], tenants: SLUGS })
  for (const slug of SLUGS) admins[slug] = await t.as(slug)
  // One e-mail in all three workspaces, with the same password in acme and globex.
  for (const slug of SLUGS) {
    const r = await admins[slug].post('/api/v1/admin/users', {
      email: 'claire@multi.test',
      name: 'Claire',
      password: slug === 'initech' ? 'un autre mot de passe' : PASSWORD,
    })
    expect(r.status).toBe(201)
  }
  await admins.acme.post('/api/v1/admin/users', {
    email: 'seule@acme.test',
    name: 'Seule',
    password: PASSWORD,
  })
})
afterAll(() => t?.close())

/** The argon2 verifications one login runs. */
async function verifications(email: string, password: string, o: { tenant?: string; ip: string }) {
  const before = passwordVerifications.count
  const res = await login(t, email, password, o)
  return { res, n: passwordVerifications.count - before }
}

describe('an e-mail held in several workspaces', () => {
  it('asks which workspace with a 409 listing them, then signs in to the one named', async () => {
    const first = await login(t, 'claire@multi.test', PASSWORD, { ip: '203.0.113.1' })
    expect(first.status).toBe(409)
    expect(first.body).toMatchObject({
      code: 'tenant-required',
      tenants: [
        { slug: 'acme', name: expect.any(String) },
        { slug: 'globex', name: expect.any(String) },
        { slug: 'initech', name: expect.any(String) },
      ],
    })
    expect(first.cookie).toBeUndefined()
    const chosen = await login(t, 'claire@multi.test', PASSWORD, { tenant: 'globex', ip: '203.0.113.1' })
    expect(chosen.status).toBe(200)
    expect(chosen.body.tenant.slug).toBe('globex')
    expect(chosen.cookie).toBeTruthy()
    const other = await login(t, 'claire@multi.test', 'un autre mot de passe', {
      tenant: 'initech',
      ip: '203.0.113.1',
    })
    expect(other.body.tenant.slug).toBe('initech')
    // Without a workspace, the password checked is that of the workspace signed in to last.
    const again = await login(t, 'claire@multi.test', 'un autre mot de passe', { ip: '203.0.113.1' })
    expect(again.status).toBe(409)
    const elsewhere = await login(t, 'claire@multi.test', PASSWORD, { ip: '203.0.113.2' })
    expect(elsewhere.status).toBe(401)
    const named = await login(t, 'claire@multi.test', PASSWORD, { tenant: 'acme', ip: '203.0.113.2' })
    expect(named.body.tenant.slug).toBe('acme')
    // The wrong workspace's password does not open it.
    const wrong = await login(t, 'claire@multi.test', PASSWORD, { tenant: 'initech', ip: '203.0.113.2' })
    expect(wrong.status).toBe(401)
  })

  it('answers a wrong password and an unknown e-mail identically, whatever the number of accounts', async () => {
    const ip = '203.0.113.3'
    const several = await login(t, 'claire@multi.test', 'pas le bon', { ip })
    const one = await login(t, 'seule@acme.test', 'pas le bon', { ip })
    const none = await login(t, 'personne@multi.test', 'pas le bon', { ip })
    for (const r of [several, one, none]) {
      expect(r.status).toBe(401)
      expect(r.cookie).toBeUndefined()
    }
    expect(several.body).toEqual(none.body)
    expect(one.body).toEqual(none.body)
    expect(several.body.tenants).toBeUndefined()
  })

  it('checks the password once, with the same cost whether the e-mail has no, one or three accounts', async () => {
    const cases = [
      await verifications('personne@multi.test', PASSWORD, { ip: '203.0.113.4' }),
      await verifications('seule@acme.test', 'pas le bon', { ip: '203.0.113.4' }),
      await verifications('seule@acme.test', PASSWORD, { ip: '203.0.113.5' }),
      await verifications('claire@multi.test', 'pas le bon', { ip: '203.0.113.5' }),
      await verifications('claire@multi.test', PASSWORD, { ip: '203.0.113.6' }),
      await verifications('claire@multi.test', PASSWORD, { tenant: 'acme', ip: '203.0.113.6' }),
      await verifications('claire@multi.test', PASSWORD, { tenant: 'nulle-part', ip: '203.0.113.7' }),
    ]
    expect(cases.map((c) => c.res.status)).toEqual([401, 401, 200, 401, 409, 200, 401])
    expect(cases.map((c) => c.n)).toEqual([1, 1, 1, 1, 1, 1, 1])
  })
})
