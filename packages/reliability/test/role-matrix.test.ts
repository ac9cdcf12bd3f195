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
})
afterAll(() => t?.close())

function bodyFor(method: string, path: string): unknown {
  if (method === 'GET' || method === 'DELETE') return undefined
  if (path.endsWith('/bulk')) return { action: 'delete', ids: Object.values(seed.ids) }
  if (path.includes('/links/')) return { target: seed.otherAccountId }
  if (/\/api\/v1\/records\/[^/]+$/.test(path))
    return { name: 'Matrice', lastName: 'Matrice', company: 'Matrice' }
  return { version: 1, name: 'Matrice' }
}

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
    for (const [i, role] of ROLES.entries()) {
      const client = clients[i]
      for (const c of calls) {
        cells++
        if (!mustDeny(role, c.method, c.path)) continue
        denials++
        const r = await client.request(c.method, c.path, bodyFor(c.method, c.path))
        if (r.status < 400 || r.status >= 500) unexpected.push(`${role} ${c.method} ${c.path} → ${r.status}`)
      }
    }
    console.log(
      `role matrix: ${ROLES.length} roles × ${calls.length} calls = ${cells} cells, ${denials} refusals checked`,
    )
    expect(unexpected).toEqual([])
    expect(await tenantFingerprint(t.db, t.tenants.acme.id)).toEqual(before)
    expect(denials).toBeGreaterThan(200)
  })
})
