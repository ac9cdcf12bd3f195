/**
 * Two tenants for isolation tests: `acme` (the target) and `globex` (the intruder), each seeded with one
 * record of every entity and one of every administration object, described as `Side`s.
 * @module
 */
import { createTestCore, type TestClient, type TestCore } from '@comptoir/core/testing'
import type { Side } from './cross-tenant-attempts'
import { PLUGINS } from './plugins'
import type { IdBook } from './route-catalog'
import { type SeededTenant, seedTenant } from './seed-tenant'
import { createTenantObjects, type TenantObjects } from './tenant-objects'

export interface IsolationSetup {
  t: TestCore
  target: Side & { seed: SeededTenant; objects: TenantObjects; client: TestClient; tenantId: string }
  intruder: Side & { seed: SeededTenant; objects: TenantObjects; client: TestClient; tenantId: string }
}

function book(seed: SeededTenant, objects: TenantObjects): IdBook {
  return (kind, entity) => {
    switch (kind) {
      case 'record':
      case 'linkTarget':
        return entity ? seed.ids[entity] : undefined
      case 'trashed':
        return entity === 'accounts.account' ? seed.trashedAccountId : undefined
      default:
        return objects[`${kind}Id` as keyof TenantObjects]
    }
  }
}

async function side(t: TestCore, slug: string, label: string) {
  const client = await t.as(slug)
  const seed = await seedTenant(client, label)
  const objects = await createTenantObjects(t, client, label)
  return {
    client,
    seed,
    objects,
    tenantId: t.tenants[slug].id,
    adminId: t.tenants[slug].adminId,
    records: seed.ids,
    label,
    book: book(seed, objects),
  }
}

export async function createIsolationSetup(): Promise<IsolationSetup> {
  const t = await createTestCore({ plugins: PLUGINS, tenants: ['acme', 'globex'] })
  return { t, target: await side(t, 'acme', 'Acme'), intruder: await side(t, 'globex', 'Globex') }
}

/** Everything of the target that must never appear in an answer to the intruder. */
export function markersOf(s: IsolationSetup['target']): string[] {
  return [
    s.tenantId,
    s.adminId,
    s.label,
    s.seed.otherAccountId,
    s.seed.trashedAccountId,
    ...Object.values(s.seed.ids),
    ...Object.values(s.objects),
  ]
}
