import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, TEST_PASSWORD, type TestClient, type TestCore } from '../src/testing'
import { login, raw } from './auth-http'
import crm from './fixtures/crm/server'

let t: TestCore
let admin: TestClient
let repRole: string

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm], tenants: ['acme'] })
  admin = await t.as('acme')
  repRole = (await admin.get('/api/v1/admin/roles')).body.data.find((r: any) => r.template === 'sales-rep').id
})
afterAll(() => t?.close())

const me = async (c: TestClient) => (await c.get('/api/v1/auth/me')).status

async function signedIn(email: string): Promise<string> {
  const u = await admin.post('/api/v1/admin/users', { email, name: email, password: TEST_PASSWORD })
  expect(u.status).toBe(201)
  const l = await login(t, email, TEST_PASSWORD)
  expect(l.status).toBe(200)
  return l.cookie!
}

describe('a change of rights ends the user’s sessions', () => {
  it('signs the user out when their roles or admin flag change; their API token acts with the new rights', async () => {
    const cookie = await signedIn('promu@acme.test')
    const uid = (await raw(t, 'GET', '/api/v1/auth/me', { cookie })).body.user.id
    const token = (await raw(t, 'POST', '/api/v1/auth/tokens', { cookie, body: { name: 'Intégration' } }))
      .body.token
    const create = () =>
      raw(t, 'POST', '/api/v1/records/crm.company', {
        bearer: token,
        origin: null,
        body: { name: 'Par jeton' },
      })
    expect((await create()).status).toBe(403)

    // A change that is not one of rights keeps the session.
    expect((await admin.patch(`/api/v1/admin/users/${uid}`, { name: 'Promu' })).status).toBe(200)
    expect((await raw(t, 'GET', '/api/v1/auth/me', { cookie })).status).toBe(200)

    expect((await admin.patch(`/api/v1/admin/users/${uid}`, { roles: [repRole] })).status).toBe(200)
    const after = await raw(t, 'GET', '/api/v1/auth/me', { cookie })
    expect(after.status).toBe(401)
    expect((await create()).status).toBe(201)

    const again = await login(t, 'promu@acme.test', TEST_PASSWORD)
    expect(again.status).toBe(200)
    expect((await admin.patch(`/api/v1/admin/users/${uid}`, { isAdmin: true })).status).toBe(200)
    expect((await raw(t, 'GET', '/api/v1/auth/me', { cookie: again.cookie })).status).toBe(401)
    const asAdmin = await raw(t, 'GET', '/api/v1/admin/users', { bearer: token })
    expect(asAdmin.status).toBe(200)
    const third = await login(t, 'promu@acme.test', TEST_PASSWORD)
    expect(third.body.user.isAdmin).toBe(true)
    // Demoted: the token loses the admin rights at once, the session ends.
    expect((await admin.patch(`/api/v1/admin/users/${uid}`, { isAdmin: false, roles: [] })).status).toBe(200)
    expect((await raw(t, 'GET', '/api/v1/auth/me', { cookie: third.cookie })).status).toBe(401)
    expect((await raw(t, 'GET', '/api/v1/admin/users', { bearer: token })).status).toBe(403)
    expect((await create()).status).toBe(403)
  })

  it('keeps the administrator’s own session when they change their own rights', async () => {
    const self = (await admin.get('/api/v1/auth/me')).body.user.id
    expect((await admin.patch(`/api/v1/admin/users/${self}`, { roles: [repRole] })).status).toBe(200)
    expect(await me(admin)).toBe(200)
    expect((await admin.patch(`/api/v1/admin/users/${self}`, { roles: [] })).status).toBe(200)
  })

  it('signs out the users who join or leave a team, and only them', async () => {
    const joining = await signedIn('rejoint@acme.test')
    const staying = await signedIn('reste@acme.test')
    const id = async (cookie: string) => (await raw(t, 'GET', '/api/v1/auth/me', { cookie })).body.user.id
    const [joiningId, stayingId] = [await id(joining), await id(staying)]
    const status = async (cookie: string) => (await raw(t, 'GET', '/api/v1/auth/me', { cookie })).status

    const team = await admin.post('/api/v1/admin/teams', { name: 'Nord', members: [stayingId] })
    expect(team.status).toBe(201)
    expect(await status(staying)).toBe(401)
    const staying2 = (await login(t, 'reste@acme.test', TEST_PASSWORD)).cookie!

    expect(
      (await admin.post(`/api/v1/admin/teams/${team.body.id}/members`, { userId: joiningId })).status,
    ).toBe(201)
    expect(await status(joining)).toBe(401)
    expect(await status(staying2)).toBe(200)

    const joining2 = (await login(t, 'rejoint@acme.test', TEST_PASSWORD)).cookie!
    expect((await admin.patch(`/api/v1/admin/teams/${team.body.id}`, { name: 'Nord-Est' })).status).toBe(200)
    expect(await status(joining2)).toBe(200)
    expect((await admin.delete(`/api/v1/admin/teams/${team.body.id}/members/${joiningId}`)).status).toBe(200)
    expect(await status(joining2)).toBe(401)
    expect(await status(staying2)).toBe(200)

    expect((await admin.delete(`/api/v1/admin/teams/${team.body.id}`)).status).toBeLessThan(300)
    expect(await status(staying2)).toBe(401)
    expect(await me(admin)).toBe(200)
  })
})
