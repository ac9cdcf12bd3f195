/**
 * Tenants and plans. Plans come from the server configuration (each a list of plugin ids, or `*` for every
 * installed plugin) and are synced to the database; a tenant's enabled plugins must be in its plan and
 * include their dependencies. Disabling never touches data.
 * @module
 */
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors'
import type { Queryable } from '../db/database'
import type { TenantInfo } from '../auth/auth-info'
import type { Registry } from '../plugin/registry'

export type Plans = Record<string, readonly string[] | '*'>

export function planPlugins(plans: Plans, plan: string, registry: Registry): string[] {
  const p = plans[plan]
  if (!p) return []
  const installed = registry.plugins.map((x) => x.manifest.id)
  return p === '*' ? installed : p.filter((id) => installed.includes(id))
}

export async function syncPlans(tx: Queryable, plans: Plans, registry: Registry): Promise<void> {
  for (const id of Object.keys(plans)) {
    await tx.query(
      `INSERT INTO core_plan (id, plugins, updated_at) VALUES ($1, $2::text[], now())
       ON CONFLICT (id) DO UPDATE SET plugins = EXCLUDED.plugins, updated_at = now()`,
      [id, planPlugins(plans, id, registry)],
    )
  }
}

export function tenantFromRow(r: any): TenantInfo {
  return { id: r.id, slug: r.slug, name: r.name, plan: r.plan, status: r.status, locale: r.locale }
}

export async function findTenant(
  tx: Queryable,
  by: { id?: string; slug?: string },
): Promise<TenantInfo | null> {
  const rows = by.id
    ? await tx.query('SELECT id, slug, name, plan, status, locale FROM core_tenant WHERE id = $1', [by.id])
    : await tx.query('SELECT id, slug, name, plan, status, locale FROM core_tenant WHERE slug = $1', [
        by.slug,
      ])
  return rows[0] ? tenantFromRow(rows[0]) : null
}

/** Plugins to enable with `id`: its dependency closure, each checked against the plan. */
export function enableClosure(registry: Registry, plans: Plans, plan: string, id: string): string[] {
  if (!registry.plugin(id)) throw new NotFoundError(`Plugin "${id}" is not installed`)
  const allowed = new Set(planPlugins(plans, plan, registry))
  const closure = registry.closure(id)
  const missing = closure.filter((x) => !allowed.has(x))
  if (missing.length) {
    throw new ForbiddenError(
      'plugin-not-in-plan',
      `Plan "${plan}" does not include ${missing.map((m) => `"${m}"`).join(', ')}${missing[0] === id ? '' : `, required by "${id}"`}.`,
      { missing },
    )
  }
  return registry.plugins.map((p) => p.manifest.id).filter((x) => closure.includes(x))
}

/** Refuses to disable a plugin while an enabled plugin depends on it. */
export function checkDisable(registry: Registry, enabled: ReadonlySet<string>, id: string): void {
  if (!registry.plugin(id)) throw new NotFoundError(`Plugin "${id}" is not installed`)
  const blockers = registry.dependents(id).filter((d) => enabled.has(d))
  if (blockers.length) {
    throw new ConflictError(
      'plugin-required',
      `"${id}" is required by ${blockers.map((b) => `"${b}"`).join(', ')}; disable ${blockers.length > 1 ? 'them' : 'it'} first.`,
      { requiredBy: blockers },
    )
  }
}

export const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/

export function checkSlug(slug: unknown): string {
  if (typeof slug !== 'string' || !SLUG_RE.test(slug))
    throw new ValidationError([{ path: 'slug', code: 'invalid_format' }])
  return slug
}
