import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notify } from '../src/notifications/notify'
import { createTestCore, TEST_PASSWORD, type TestClient, type TestCore } from '../src/testing'
import { signIn } from './auth-http'
import crm from './fixtures/crm/server'

let t: TestCore
let admin: TestClient
let rep: TestClient
let intruder: TestClient
const ids: Record<string, string> = {}
const RANDOM = '0190f000-0000-7000-8000-000000000001'

/** Everything of acme's that these routes could touch, hashed. */
async function acmeState(): Promise<string> {
  const tenant = t.tenants.acme.id
  const queries = [
    'SELECT id, email, name, locale, is_admin, status, password_hash, version FROM core_user WHERE tenant_id = $1 ORDER BY id',
    'SELECT id, name, template, grants, fields FROM core_role WHERE tenant_id = $1 ORDER BY id',
    'SELECT user_id, role_id FROM core_user_role WHERE tenant_id = $1 ORDER BY 1, 2',
    'SELECT id, name FROM core_team WHERE tenant_id = $1 ORDER BY id',
    'SELECT team_id, user_id FROM core_team_member WHERE tenant_id = $1 ORDER BY 1, 2',
    'SELECT id, entity, name, type, label_fr, label_en, options, required, position FROM core_custom_field WHERE tenant_id = $1 ORDER BY id',
    'SELECT id, user_id, name, config FROM core_saved_view WHERE tenant_id = $1 ORDER BY id',
    'SELECT id, read_at FROM core_notification WHERE tenant_id = $1 ORDER BY id',
    'SELECT id, name, revoked_at, expires_at FROM core_api_token WHERE tenant_id = $1 ORDER BY id',
    'SELECT id, user_id FROM core_session WHERE tenant_id = $1 ORDER BY id',
    'SELECT key, value FROM core_setting WHERE tenant_id = $1 ORDER BY key',
    'SELECT id, name, owner_id, version FROM crm_company WHERE tenant_id = $1 ORDER BY id',
  ]
  const rows = await t.db.system(async (tx) => {
    const out = []
    for (const q of queries) out.push(await tx.query(q, [tenant]))
    return out
  })
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex')
}

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm] })
  admin = await t.as('acme')
  rep = await t.as('acme', { roles: ['sales-rep'], email: 'cible@acme.test' })
  intruder = await t.as('globex')
  ids.user = rep.userId
  ids.role = (
    await admin.post('/api/v1/admin/roles', { name: 'Cible', grants: { 'crm.company.read': 'own' } })
  ).body.id
  ids.team = (await admin.post('/api/v1/admin/teams', { name: 'Cible', members: [rep.userId] })).body.id
  // Joining the team ended the rep's session: they sign in again.
  rep = await signIn(t, 'cible@acme.test', TEST_PASSWORD)
  ids.field = (
    await admin.post('/api/v1/admin/custom-fields', {
      entity: 'crm.company',
      name: 'cible',
      type: 'text',
      labels: { fr: 'C', en: 'C' },
    })
  ).body.id
  ids.view = (
    await admin.post('/api/v1/views', { entity: 'crm.company', name: 'Cible', shared: true })
  ).body.id
  ids.privateView = (await rep.post('/api/v1/views', { entity: 'crm.company', name: 'Privée' })).body.id
  ids.token = (await rep.post('/api/v1/auth/tokens', { name: 'Cible' })).body.id
  ids.session = (await rep.get('/api/v1/auth/sessions')).body.data[0].id
  ids.company = (await rep.post('/api/v1/records/crm.company', { name: 'Cible SARL' })).body.id
  ids.notification = await t.core.withTenant(t.tenants.acme.id, (ctx) =>
    notify(ctx, { userId: rep.userId, kind: 'crm.test', title: 'Cible' }),
  )
})
afterAll(() => t?.close())

/** Every route that takes an id, with the acme id it is tried on. */
function idRoutes(): [string, string, unknown?][] {
  return [
    ['GET', `/api/v1/admin/users/${ids.user}`],
    ['PATCH', `/api/v1/admin/users/${ids.user}`, { name: 'Pris', isAdmin: true }],
    ['POST', `/api/v1/admin/users/${ids.user}/deactivate`, {}],
    ['POST', `/api/v1/admin/users/${ids.user}/activate`, {}],
    ['POST', `/api/v1/admin/users/${ids.user}/invite`, {}],
    ['GET', `/api/v1/admin/teams/${ids.team}`],
    ['PATCH', `/api/v1/admin/teams/${ids.team}`, { name: 'Pris', members: [] }],
    ['DELETE', `/api/v1/admin/teams/${ids.team}`],
    ['POST', `/api/v1/admin/teams/${ids.team}/members`, { userId: ids.user }],
    ['DELETE', `/api/v1/admin/teams/${ids.team}/members/${ids.user}`],
    ['GET', `/api/v1/admin/roles/${ids.role}`],
    ['PATCH', `/api/v1/admin/roles/${ids.role}`, { grants: { 'crm.company.delete': 'all' } }],
    ['DELETE', `/api/v1/admin/roles/${ids.role}`],
    ['PATCH', `/api/v1/admin/custom-fields/${ids.field}`, { labels: { fr: 'Pris', en: 'Taken' } }],
    ['DELETE', `/api/v1/admin/custom-fields/${ids.field}`],
    ['GET', `/api/v1/admin/access?user=${ids.user}&entity=crm.company`],
    ['PATCH', `/api/v1/views/${ids.view}`, { name: 'Pris' }],
    ['DELETE', `/api/v1/views/${ids.view}`],
    ['PATCH', `/api/v1/views/${ids.privateView}`, { name: 'Pris' }],
    ['DELETE', `/api/v1/views/${ids.privateView}`],
    ['POST', `/api/v1/notifications/${ids.notification}/read`, {}],
    ['DELETE', `/api/v1/auth/tokens/${ids.token}`],
    ['DELETE', `/api/v1/auth/sessions/${ids.session}`],
  ]
}

describe('tenant isolation', () => {
  it('answers 404 to another tenant for every id, exactly as for an id that does not exist, and changes nothing', async () => {
    const before = await acmeState()
    for (const [method, path, body] of idRoutes()) {
      const r = await intruder.request(method, path, body)
      expect([method, path, r.status]).toEqual([method, path, 404])
      const ghost = await intruder.request(
        method,
        path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}|[0-9a-f]{20}(?=$|\/)/g, RANDOM),
        body,
      )
      expect(ghost.status).toBe(404)
      expect(r.body).toEqual(ghost.body)
    }
    const access = await intruder.get(
      `/api/v1/admin/access?user=${intruder.userId}&entity=crm.company&id=${ids.company}`,
    )
    expect(access.status).toBe(404)
    expect(await acmeState()).toBe(before)
  })

  it('refuses links to another tenant’s roles, teams and users', async () => {
    const before = await acmeState()
    const user = await intruder.post('/api/v1/admin/users', {
      email: 'x@globex.test',
      name: 'X',
      password: 'un mot de passe sûr',
      roles: [ids.role],
      teams: [ids.team],
    })
    expect(user.status).toBe(422)
    expect(user.body.errors.map((e: any) => e.code)).toEqual(['reference_not_found', 'reference_not_found'])
    const team = await intruder.post('/api/v1/admin/teams', { name: 'Mixte', members: [ids.user] })
    expect(team.status).toBe(422)
    const perm = await intruder.patch(`/api/v1/admin/users/${intruder.userId}`, { roles: [ids.role] })
    expect(perm.status).toBe(422)
    expect(await acmeState()).toBe(before)
  })

  it('lists nothing of another tenant', async () => {
    const lists = [
      '/api/v1/admin/users',
      '/api/v1/admin/teams',
      '/api/v1/admin/roles',
      '/api/v1/admin/custom-fields',
      '/api/v1/admin/audit',
      '/api/v1/views',
      '/api/v1/notifications',
      '/api/v1/auth/tokens',
      '/api/v1/auth/sessions',
    ]
    for (const path of lists) {
      const text = JSON.stringify((await intruder.get(path)).body)
      for (const id of Object.values(ids)) expect([path, text.includes(id)]).toEqual([path, false])
    }
  })
})

describe('function-level authorisation', () => {
  it('answers 403 to a non-administrator on every admin route, and changes nothing', async () => {
    const before = await acmeState()
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/v1/admin/users'],
      [
        'POST',
        '/api/v1/admin/users',
        { email: 'me2@acme.test', name: 'Moi', password: 'un mot de passe sûr', isAdmin: true },
      ],
      ['GET', '/api/v1/admin/teams'],
      ['POST', '/api/v1/admin/teams', { name: 'Moi' }],
      ['GET', '/api/v1/admin/roles'],
      ['GET', '/api/v1/admin/roles/permissions'],
      ['POST', '/api/v1/admin/roles', { name: 'Moi', grants: { 'crm.company.delete': 'all' } }],
      ['GET', '/api/v1/admin/audit'],
      ['GET', '/api/v1/admin/custom-fields'],
      [
        'POST',
        '/api/v1/admin/custom-fields',
        { entity: 'crm.company', name: 'moi', type: 'text', labels: { fr: 'M', en: 'M' } },
      ],
      ['GET', '/api/v1/admin/numbering'],
      ['PATCH', '/api/v1/admin/numbering', { 'crm.company': { next: 999 } }],
      ['GET', '/api/v1/admin/settings/company'],
      ['PUT', '/api/v1/admin/settings/company', { name: 'Moi' }],
      ['GET', '/api/v1/admin/settings/trash'],
      ['PUT', '/api/v1/admin/settings/trash', { retentionDays: 1 }],
      ['GET', '/api/v1/admin/settings/mail'],
      ['PUT', '/api/v1/admin/settings/mail', { host: 'evil.example', port: 25, from: 'x@evil.example' }],
      ['DELETE', '/api/v1/admin/settings/mail'],
      ...idRoutes().filter(([, path]) => path.startsWith('/api/v1/admin/')),
    ]
    for (const [method, path, body] of routes) {
      const r = await rep.request(method, path, body)
      expect([method, path, r.status, r.body.code]).toEqual([method, path, 403, 'admin-only'])
    }
    expect(await acmeState()).toBe(before)
  })
})
