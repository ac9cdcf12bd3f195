import { createTestCore, type TestClient, type TestCore } from '@comptoir/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type MatrixRole, mustDeny } from '../src/deny-oracle'
import { PLUGINS } from '../src/plugins'
import { apiRoutes, expandRoute, isTenantRoute } from '../src/route-catalog'
import { type SeededTenant, seedTenant } from '../src/seed-tenant'
import { createTenantObjects, type TenantObjects } from '../src/tenant-objects'
import { tenantFingerprint } from '../src/tenant-fingerprint'

let t: TestCore
let seed: SeededTenant
let objects: TenantObjects
const ROLES: MatrixRole[] = ['none', 'read-only', 'sales-rep', 'sales-manager']

beforeAll(async () => {
  t = await createTestCore({ plugins: PLUGINS, tenants: ['acme'] })
  const admin = await t.as('acme')
  seed = await seedTenant(admin, 'Acme')
  objects = await createTenantObjects(t, admin, 'Acme')
  for (const [ref, id] of Object.entries(seed.ids))
    versions[id] = (await admin.get(`/api/v1/records/${ref}/${id}`)).body.version
  VALID = {
    'accounts.account': { name: 'Matrice' },
    'contacts.contact': { lastName: 'Matrice', account: seed.ids['accounts.account'] },
    'leads.lead': { lastName: 'Matrice', company: 'Matrice' },
    'deals.deal': {
      name: 'Matrice',
      account: seed.ids['accounts.account'],
      stage: seed.ids['deals.stage'],
      closeDate: '2027-06-30',
    },
    'deals.stage': { name: 'Matrice', probability: 50, kind: 'open', position: 99 },
  }
})
afterAll(() => t?.close())

/** Current versions of the seeded records, so an update is refused for its rights, not its version. */
const versions: Record<string, number> = {}

/** A body the route would accept from an administrator: a refusal can only come from the rights. */
function bodyFor(method: string, path: string, entity: string | undefined): unknown {
  if (method === 'GET' || method === 'DELETE') return undefined
  if (path.startsWith('/api/v1/import/') && !path.includes('/jobs/'))
    return 'name,lastName,company\nMatrice,Matrice,Matrice\n'
  if (path.endsWith('/bulk')) return { action: 'delete', ids: Object.values(seed.ids) }
  if (path.includes('/links/')) return { target: seed.otherAccountId }
  if (path.includes('/actions/')) return {}
  if (path === '/api/v1/views') return { name: 'Matrice', entity: 'accounts.account', shared: true }
  if (entity && /^\/api\/v1\/records\/[^/]+$/.test(path)) return VALID[entity] ?? { name: 'Matrice' }
  const id = path.split('/')[5]
  if (entity && /^\/api\/v1\/records\/[^/]+\/[^/]+$/.test(path))
    return { version: versions[id] ?? 1, [t.core.registry.entities.get(entity)!.title.at(-1)!]: 'Matrice' }
  return { version: 1, name: 'Matrice' }
}
let VALID: Record<string, Record<string, unknown>> = {}

describe('role × route × verb matrix', () => {
  it('no role gets a 2xx where its grants refuse, on any route', async () => {
    const book = (kind: string, entity?: string) =>
      kind === 'record' || kind === 'linkTarget'
        ? seed.ids[entity ?? '']
        : kind === 'trashed'
          ? entity === 'accounts.account'
            ? seed.trashedAccountId
            : undefined
          : objects[`${kind}Id` as keyof TenantObjects]
    const calls = apiRoutes(t.app)
      .filter(isTenantRoute)
      .flatMap((r) => expandRoute(r, t.core.registry, book as never))
    const clients: TestClient[] = []
    for (const role of ROLES)
      clients.push(await t.as('acme', role === 'none' ? { grants: {} } : { roles: [role] }))
    const before = await tenantFingerprint(t.db, t.tenants.acme.id)
    const unexpected: string[] = []
    let cells = 0
    let denials = 0
    const kinds: Record<string, number> = {}
    for (const [i, role] of ROLES.entries()) {
      const client = clients[i]
      for (const c of calls) {
        cells++
        if (!mustDeny(role, c.method, c.path)) continue
        denials++
        const body = bodyFor(c.method, c.path, c.entity)
        const headers: Record<string, string> = typeof body === 'string' ? { 'content-type': 'text/csv' } : {}
        const r = await client.request(c.method, c.path, body, headers)
        // Refused for its rights: 403, or 404 where the object is out of the caller's sight.
        if (r.status !== 403 && r.status !== 404)
          unexpected.push(
            `${role} ${c.method} ${c.path} → ${r.status} ${JSON.stringify(r.body).slice(0, 120)}`,
          )
        kinds[c.path.split('/')[3]] = (kinds[c.path.split('/')[3]] ?? 0) + 1
      }
    }
    console.log(
      `role matrix: ${ROLES.length} roles × ${calls.length} calls = ${cells} cells, ${denials} refusals checked`,
      kinds,
    )
    expect(unexpected).toEqual([])
    expect(await tenantFingerprint(t.db, t.tenants.acme.id)).toEqual(before)
    expect(denials).toBeGreaterThan(200)
    for (const area of ['records', 'trash', 'admin', 'export', 'import', 'files', 'views'])
      expect(kinds[area], area).toBeGreaterThan(0)
    // Search filters instead of refusing: a user without grants finds nothing.
    const found = await clients[0].get('/api/v1/search?q=Acme')
    expect([200, 403]).toContain(found.status)
    for (const id of Object.values(seed.ids)) expect(JSON.stringify(found.body)).not.toContain(id)
    // The bodies were valid: the administrator's same calls are accepted.
    const admin = await t.as('acme')
    for (const [ref, body] of Object.entries(VALID))
      expect((await admin.post(`/api/v1/records/${ref}`, body)).status, ref).toBe(201)
    const csv = bodyFor('POST', '/api/v1/import/accounts.account', undefined) as string
    const job = await admin.request('POST', '/api/v1/import/accounts.account?mode=create', csv, {
      'content-type': 'text/csv',
    })
    expect(job.status).toBe(202)
  })
})
