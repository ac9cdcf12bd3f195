/**
 * The conformance checks made through the HTTP API of a test core: rights, tenant isolation (records,
 * search, related lists, trash, export and the plugin's own routes) and plan gating. Each returns the
 * problems it finds as sentences (an empty list when the plugin passes).
 * @module
 */
import { Hono } from 'hono'
import type { RecordData } from '../entity/define-entity'
import type { AppEnv } from '../http/env'
import type { ServerPlugin } from '../plugin/server-plugin'
import type { TestClient, TestCore } from './test-core'

export interface PluginRoute {
  method: string
  /** Relative to `/api/v1/p/<id>`, with `:params`. */
  path: string
}

/** The routes the plugin's server part mounts under `/api/v1/p/<id>`. */
export function pluginRoutes(plugin: ServerPlugin): PluginRoute[] {
  if (!plugin.routes) return []
  const app = new Hono<AppEnv>()
  plugin.routes(app)
  const seen = new Set<string>()
  return app.routes
    .filter((r) => r.method !== 'ALL')
    .map((r) => ({ method: r.method, path: r.path }))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && !!seen.add(`${r.method} ${r.path}`))
}

/** A route's path under `/api/v1`, with every `:param` replaced by `id`. */
export const routeUrl = (plugin: ServerPlugin, path: string, id: string) =>
  `/api/v1/p/${plugin.manifest.id}${path.replace(/:[A-Za-z0-9_]+(\{[^}]*\})?/g, id)}`

const expectStatus = (out: string[], what: string, got: number, want: number) => {
  if (got !== want) out.push(`${what} answered ${got}, not ${want}`)
}

/**
 * A user of the same tenant with no grant gets 403 on list, create and read, and cannot update or delete
 * (403, or 404 since it may not see the record); a user who may only read gets 403 on update and delete.
 * The record is left as it was.
 */
export async function noGrantProblems(t: TestCore, ref: string, rec: RecordData): Promise<string[]> {
  const nobody = await t.as('acme', { grants: {} })
  const reader = await t.as('acme', { grants: { [`${ref}.read`]: 'all' } })
  const base = `/api/v1/records/${ref}`
  const out: string[] = []
  expectStatus(out, `without grants, GET ${base}`, (await nobody.get(base)).status, 403)
  expectStatus(out, `without grants, POST ${base}`, (await nobody.post(base, {})).status, 403)
  expectStatus(out, `without grants, GET ${base}/:id`, (await nobody.get(`${base}/${rec.id}`)).status, 403)
  for (const [method, res] of [
    ['PATCH', await nobody.patch(`${base}/${rec.id}`, { version: rec.version })],
    ['DELETE', await nobody.delete(`${base}/${rec.id}`)],
  ] as const)
    if (res.status !== 403 && res.status !== 404)
      out.push(`without grants, ${method} ${base}/:id answered ${res.status}, not 403 or 404`)
  const patch = await reader.patch(`${base}/${rec.id}`, { version: rec.version })
  expectStatus(out, `with only ${ref}.read, PATCH ${base}/:id`, patch.status, 403)
  expectStatus(
    out,
    `with only ${ref}.read, DELETE ${base}/:id`,
    (await reader.delete(`${base}/${rec.id}`)).status,
    403,
  )
  const still = await (await t.as('acme')).get(`${base}/${rec.id}`)
  if (still.status !== 200 || still.body.version !== rec.version)
    out.push(`a user without the grants changed or deleted ${ref} ${rec.id}`)
  return out
}

/**
 * Another tenant's admin never sees `rec` (created in `acme`): by id, in lists, filters, search, history,
 * related lists, the export and the plugin's own GET routes; cannot update or delete it.
 */
export async function isolationProblems(
  t: TestCore,
  plugin: ServerPlugin,
  ref: string,
  rec: RecordData,
): Promise<string[]> {
  const admin = await t.as('acme')
  const other = await t.as('globex')
  const base = `/api/v1/records/${ref}`
  const out: string[] = []
  const leaks = (what: string, body: unknown) => {
    if (JSON.stringify(body ?? null).includes(rec.id))
      out.push(`another tenant sees ${ref} ${rec.id} in ${what}`)
  }
  expectStatus(out, `another tenant's GET ${base}/:id`, (await other.get(`${base}/${rec.id}`)).status, 404)
  const patch = await other.patch(`${base}/${rec.id}`, { version: rec.version })
  expectStatus(out, `another tenant's PATCH ${base}/:id`, patch.status, 404)
  expectStatus(
    out,
    `another tenant's DELETE ${base}/:id`,
    (await other.delete(`${base}/${rec.id}`)).status,
    404,
  )
  const history = await other.get(`${base}/${rec.id}/history`)
  expectStatus(out, `another tenant's GET ${base}/:id/history`, history.status, 404)
  leaks(`GET ${base}?filter[id][eq]=…`, (await other.get(`${base}?filter[id][eq]=${rec.id}`)).body)
  leaks(`GET ${base}`, (await other.get(base)).body)
  const title = String(rec._title ?? '').slice(0, 20)
  if (title.length >= 3)
    leaks('the search', (await other.get(`/api/v1/search?q=${encodeURIComponent(title)}`)).body)
  for (const r of t.core.registry.entities.get(ref)!.relatedLists) {
    const res = await other.get(`${base}/${rec.id}/related/${r.id}`)
    expectStatus(out, `another tenant's related list ${r.id}`, res.status, 404)
  }
  // The export must hold the record for its own tenant, so that its absence elsewhere means something.
  const mine = await admin.get(`/api/v1/export/${ref}?format=csv`)
  if (mine.status !== 200 || !String(mine.body).includes(rec.id))
    out.push(`GET /api/v1/export/${ref} does not export ${rec.id} to its own tenant (${mine.status})`)
  leaks(`GET /api/v1/export/${ref}`, (await other.get(`/api/v1/export/${ref}?format=csv`)).body)
  out.push(...(await routeLeakProblems(plugin, other, rec)))
  return out
}

/** The plugin's GET routes, called by another tenant with `rec.id` for every parameter, never show it. */
export async function routeLeakProblems(
  plugin: ServerPlugin,
  other: TestClient,
  rec: RecordData,
): Promise<string[]> {
  const out: string[] = []
  for (const r of pluginRoutes(plugin).filter((x) => x.method === 'GET')) {
    const url = routeUrl(plugin, r.path, rec.id)
    const res = await other.get(url)
    if (JSON.stringify(res.body ?? null).includes(rec.id))
      out.push(`another tenant sees ${rec.id} in GET ${url} (plugin route ${r.path})`)
  }
  return out
}

/**
 * With the plugin disabled for the tenant: its records and every one of its routes answer 403
 * `plugin-not-enabled`, and the bootstrap shows none of its entities or contributions. Leaves the plugin
 * (and its dependents) disabled: call `enable` afterwards.
 */
export async function disabledProblems(
  t: TestCore,
  plugin: ServerPlugin,
  sample?: { ref: string; rec: RecordData },
): Promise<string[]> {
  const rec = sample?.rec
  const m = plugin.manifest
  const admin = await t.as('acme')
  const out: string[] = []
  for (const d of [...t.core.registry.dependents(m.id)].reverse())
    await admin.post(`/api/v1/admin/plugins/${d}/disable`)
  const off = await admin.post(`/api/v1/admin/plugins/${m.id}/disable`)
  if (off.status !== 200) return [`disabling ${m.id} answered ${off.status}`]
  const refused = (what: string, res: { status: number; body: any }) => {
    if (res.status !== 403 || res.body?.code !== 'plugin-not-enabled')
      out.push(
        `${what} answered ${res.status} ${res.body?.code ?? ''} with the plugin disabled, not 403 plugin-not-enabled`,
      )
  }
  if (sample) {
    const url = `/api/v1/records/${sample.ref}/${sample.rec.id}`
    refused(`GET ${url}`, await admin.get(url))
  }
  for (const r of pluginRoutes(plugin)) {
    const url = routeUrl(plugin, r.path, rec?.id ?? '00000000-0000-7000-8000-000000000000')
    refused(`${r.method} ${url}`, await admin.request(r.method, url, r.method === 'GET' ? undefined : {}))
  }
  const boot = (await admin.get('/api/v1/bootstrap')).body
  const own = Object.keys(boot.entities).filter((ref) => ref.startsWith(`${m.id}.`))
  if (own.length) out.push(`the bootstrap still shows ${own.join(', ')}`)
  const contributed = JSON.stringify(
    Object.values(boot.entities).map((x: any) => [
      x.relatedLists.map((r: any) => r.plugin),
      x.panels.map((p: any) => p.plugin),
      x.actions.map((a: any) => a.plugin),
    ]),
  )
  if (contributed.includes(`"${m.id}"`))
    out.push('the bootstrap still shows its related lists, panels or actions')
  if (boot.plugins.some((p: any) => p.id === m.id)) out.push('the bootstrap still lists the plugin')
  return out
}

/** Enables the plugin and its dependents again for `acme`. */
export async function enableAgain(t: TestCore, plugin: ServerPlugin): Promise<void> {
  const admin = await t.as('acme')
  await admin.post(`/api/v1/admin/plugins/${plugin.manifest.id}/enable`)
  for (const d of t.core.registry.dependents(plugin.manifest.id))
    await admin.post(`/api/v1/admin/plugins/${d}/enable`)
}
