/**
 * The routes under test, generated rather than listed by hand: Hono's route table of the running app
 * gives every method and path pattern, and the plugin registry gives the values of their parameters
 * (entities, related lists, actions, PDF templates, link kinds). A route added tomorrow is covered
 * tomorrow without touching the suite.
 * @module
 */
import type { Registry } from '@comptoir/core/server'

export interface RoutePattern {
  method: string
  /** Hono pattern: `/api/v1/records/:entity/:id`. */
  path: string
}

/** Kinds of ids a route addresses, named after the object they designate. */
export type IdKind =
  | 'record'
  | 'trashed'
  | 'user'
  | 'role'
  | 'team'
  | 'customField'
  | 'view'
  | 'token'
  | 'session'
  | 'notification'
  | 'linkTarget'
  | 'importJob'
  | 'file'

/** Gives the id to put in a path for a kind (and, for records, the entity). */
export type IdBook = (kind: IdKind, entity?: string) => string | undefined

export interface ConcreteRoute {
  method: string
  pattern: string
  path: string
  entity?: string
  /** Kinds of the ids placed in the path, in order. */
  idKinds: IdKind[]
}

/** Routes outside a tenant: signing in, password reset by e-mail, the platform operator API. */
const OUTSIDE_TENANT = [
  /^\/api\/v1\/auth\/(login|logout|password|password-reset(\/confirm)?|me)$/,
  /^\/api\/v1\/platform\//,
]

/** Every method and path the app serves under `/api/v1`, once each, middleware excluded. */
export function apiRoutes(app: { routes: { method: string; path: string }[] }): RoutePattern[] {
  const seen = new Set<string>()
  const out: RoutePattern[] = []
  for (const r of app.routes) {
    if (r.method === 'ALL' || !r.path.startsWith('/api/v1/')) continue
    const key = `${r.method} ${r.path}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ method: r.method, path: r.path })
  }
  return out
}

export function isTenantRoute(r: RoutePattern): boolean {
  return !OUTSIDE_TENANT.some((re) => re.test(r.path))
}

const ID_AFTER: Record<string, IdKind> = {
  users: 'user',
  roles: 'role',
  teams: 'team',
  'custom-fields': 'customField',
  views: 'view',
  tokens: 'token',
  sessions: 'session',
  notifications: 'notification',
  jobs: 'importJob',
  files: 'file',
}

const ALL_KINDS: IdKind[] = [
  'record',
  'user',
  'role',
  'team',
  'customField',
  'view',
  'token',
  'session',
  'notification',
]

/** The entities a route applies to, and for each the values of its other parameters. */
function linkKinds(registry: Registry, ref: string): { kind: string; target: string }[] {
  const e = registry.entities.get(ref)!
  const out = (e.links ?? []).map((l) => ({ kind: l.kind, target: l.target }))
  for (const other of registry.entities.values())
    for (const l of other.links ?? [])
      if (l.target === ref) out.push({ kind: `${l.kind}.inverse`, target: other.ref })
  return out
}

/**
 * Turns a pattern into concrete paths: one per entity and per value of each registry parameter, with ids
 * from `book`. An `:id` the suite cannot name is tried with every kind of id the book holds.
 */
export function expandRoute(route: RoutePattern, registry: Registry, book: IdBook): ConcreteRoute[] {
  const segments = route.path.split('/')
  let partial: { path: string[]; entity?: string; idKinds: IdKind[]; linkTarget?: string }[] = [
    { path: [], idKinds: [] },
  ]
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]
    const prev = segments[i - 1]
    if (!seg.startsWith(':')) {
      for (const p of partial) p.path.push(seg)
      continue
    }
    const next: typeof partial = []
    for (const p of partial) {
      const push = (value: string, extra: Partial<(typeof partial)[number]> = {}) =>
        next.push({
          ...p,
          ...extra,
          path: [...p.path, value],
          idKinds: [...p.idKinds, ...(extra.idKinds ?? [])],
        })
      const name = seg.slice(1)
      if (name === 'entity') {
        for (const ref of registry.entities.keys()) push(ref, { entity: ref })
      } else if (name === 'id' && prev === 'plugins') {
        // Plugin ids are the same in every tenant: nothing of another tenant to reach through them.
        for (const plugin of registry.plugins) push(plugin.manifest.id)
      } else if (name === 'id') {
        const kind: IdKind | undefined =
          prev === ':entity' ? (segments[i - 2] === 'trash' ? 'trashed' : 'record') : ID_AFTER[prev]
        const kinds = kind ? [kind] : ALL_KINDS
        for (const k of kinds) {
          // An entity with nothing in the trash: its live record, which the trash routes must not reach.
          const id = book(k, p.entity) ?? (k === 'trashed' ? book('record', p.entity) : undefined)
          if (id) push(id, { idKinds: [k] })
        }
      } else if (name === 'userId') {
        const id = book('user')
        if (id) push(id, { idKinds: ['user'] })
      } else if (name === 'relation') {
        for (const r of registry.entities.get(p.entity!)?.relatedLists ?? []) push(r.id)
      } else if (name === 'action') {
        for (const a of registry.entities.get(p.entity!)?.actions ?? []) push(a.id)
      } else if (name === 'template') {
        push('core.sheet')
        for (const [id, tpl] of registry.pdfTemplates) if (tpl.def.entity === p.entity) push(id)
      } else if (name === 'kind') {
        for (const l of linkKinds(registry, p.entity!)) push(l.kind, { linkTarget: l.target })
      } else if (name === 'target') {
        const id = book('linkTarget', p.linkTarget)
        if (id) push(id, { idKinds: ['linkTarget'] })
      } else {
        for (const k of ALL_KINDS) {
          const id = book(k, p.entity)
          if (id) push(id, { idKinds: [k] })
        }
      }
    }
    partial = next
  }
  return partial.map((p) => ({
    method: route.method,
    pattern: route.path,
    path: p.path.join('/'),
    entity: p.entity,
    idKinds: p.idKinds,
  }))
}

/** OpenAPI path (`/api/v1/records/accounts.account/{id}`) matching a concrete path of the catalog. */
export function openApiPattern(path: string): RegExp {
  const body = path
    .split(/\{[^}]+\}/)
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+')
  return new RegExp(`^${body}$`)
}
