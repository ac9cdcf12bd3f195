/**
 * Generates the attempts an intruder tenant makes on a target tenant, from the route catalog and the
 * registry: read, update, delete and act on every route that takes an id (with the target's ids),
 * filter every list by the target's ids and words, and link the intruder's own records to the
 * target's (create, update, link, convert, bulk, team membership, roles).
 * @module
 */
import type { Registry } from '@comptoir/core/server'
import type { Attempt } from './attempt'
import { apiRoutes, expandRoute, type IdBook, isTenantRoute } from './route-catalog'

export interface Side {
  book: IdBook
  /** Ids of the records of each entity. */
  records: Record<string, string>
  adminId: string
  label: string
}

const q = (params: Record<string, string>) => new URLSearchParams(params).toString()

/** A harmless change to a record of `ref`: its first title field. */
function recordPatch(registry: Registry, ref: string): Record<string, unknown> {
  const e = registry.entities.get(ref)!
  return { version: 1, [e.title[0]]: 'Intrus' }
}

function bodyFor(registry: Registry, method: string, path: string, entity: string | undefined, target: Side) {
  if (method === 'PATCH' && entity && /^\/api\/v1\/records\/[^/]+\/[^/]+$/.test(path))
    return recordPatch(registry, entity)
  if (method === 'PATCH' || method === 'PUT') return { name: 'Intrus' }
  if (method === 'POST' && path.includes('/links/')) {
    const e = registry.entities.get(entity!)!
    const kind = path.split('/links/')[1]
    const link = e.links?.find((l) => l.kind === kind)
    return { target: link ? target.records[link.target] : target.records['accounts.account'] }
  }
  if (method === 'POST' && path.endsWith('/members')) return { userId: target.book('user') }
  if (method === 'POST' && path.endsWith('/bulk'))
    return { action: 'update', ids: [target.records[entity!]], data: recordPatch(registry, entity!) }
  return method === 'GET' || method === 'DELETE' ? undefined : {}
}

const KIND: Record<string, Attempt['kind']> = {
  GET: 'read',
  PATCH: 'update',
  PUT: 'update',
  DELETE: 'delete',
  POST: 'action',
}

/** Every route that takes an id, called with the target's ids. */
export function idAttempts(
  app: Parameters<typeof apiRoutes>[0],
  registry: Registry,
  target: Side,
): Attempt[] {
  const out: Attempt[] = []
  for (const route of apiRoutes(app).filter(isTenantRoute)) {
    if (!route.path.includes(':')) continue
    for (const c of expandRoute(route, registry, target.book)) {
      if (!c.idKinds.length) continue
      out.push({
        kind: KIND[c.method],
        method: c.method,
        path: c.path,
        body: bodyFor(registry, c.method, c.path, c.entity, target),
        pattern: `${route.method} ${route.path}`,
      })
    }
  }
  for (const [ref, id] of Object.entries(target.records)) {
    out.push({
      kind: 'delete',
      method: 'POST',
      path: `/api/v1/records/${ref}/bulk`,
      body: { action: 'delete', ids: [id] },
      pattern: 'POST /api/v1/records/:entity/bulk',
    })
  }
  return out
}

/** Every list, search and lookup, filtered by the target's ids, owner and words. */
export function filterAttempts(
  app: Parameters<typeof apiRoutes>[0],
  registry: Registry,
  own: Side,
  target: Side,
): Attempt[] {
  const out: Attempt[] = []
  const add = (path: string, pattern: string) => out.push({ kind: 'filter', method: 'GET', path, pattern })
  for (const route of apiRoutes(app).filter(isTenantRoute)) {
    if (route.method !== 'GET') continue
    const pattern = `GET ${route.path}`
    for (const c of expandRoute(route, registry, own.book)) {
      if (c.idKinds.length && !c.path.includes('/related/')) continue
      const generic = {
        id: target.records[c.entity ?? 'accounts.account'],
        user: target.adminId,
        q: target.label,
      }
      add(`${c.path}?${q(generic)}`, pattern)
      if (
        !c.entity ||
        (!/^\/api\/v1\/(records|export)\/[^/]+$/.test(c.path) && !c.path.includes('/related/'))
      )
        continue
      const e = registry.entities.get(c.entity)!
      add(`${c.path}?${q({ 'filter[id][eq]': target.records[c.entity] })}`, pattern)
      add(`${c.path}?${q({ 'filter[owner][eq]': target.adminId })}`, pattern)
      for (const [name, f] of Object.entries(e.fields)) {
        if (f.type !== 'belongsTo' || !target.records[f.target]) continue
        add(`${c.path}?${q({ [`filter[${name}][eq]`]: target.records[f.target] })}`, pattern)
        add(
          `${c.path}?${q({ [`filter[${name}][in]`]: `${target.records[f.target]},${own.records[f.target]}` })}`,
          pattern,
        )
      }
    }
  }
  add(`/api/v1/search?${q({ q: target.label })}`, 'GET /api/v1/search')
  add(`/api/v1/trash?${q({ q: target.label, deletedBy: target.adminId })}`, 'GET /api/v1/trash')
  add(
    `/api/v1/admin/access?${q({ user: target.adminId, entity: 'accounts.account', id: target.records['accounts.account'] })}`,
    'GET /api/v1/admin/access',
  )
  add(
    `/api/v1/admin/access?${q({ user: own.adminId, entity: 'accounts.account', id: target.records['accounts.account'] })}`,
    'GET /api/v1/admin/access',
  )
  add(
    `/api/v1/p/leads/duplicates?${q({ company: `${target.label} Piste`, lastName: `${target.label} Durand` })}`,
    'GET /api/v1/p/leads/duplicates',
  )
  return out
}

/** The intruder's own records, pointed at the target's records. */
export function linkAttempts(
  registry: Registry,
  own: Side,
  target: Side,
  lead: string,
  team: string,
): Attempt[] {
  const out: Attempt[] = []
  const add = (method: string, path: string, body: unknown, pattern: string) =>
    out.push({ kind: 'link', method, path, body, pattern })
  for (const [ref, e] of registry.entities) {
    for (const [name, f] of Object.entries(e.fields)) {
      if (f.type !== 'belongsTo' || !target.records[f.target] || f.readOnly) continue
      add(
        'PATCH',
        `/api/v1/records/${ref}/${own.records[ref]}`,
        { version: 1, [name]: target.records[f.target] },
        'PATCH /api/v1/records/:entity/:id',
      )
      add(
        'POST',
        `/api/v1/records/${ref}/bulk`,
        { action: 'update', ids: [own.records[ref]], data: { [name]: target.records[f.target] } },
        'POST /api/v1/records/:entity/bulk',
      )
    }
  }
  add(
    'POST',
    '/api/v1/records/contacts.contact',
    { lastName: 'Intrus', account: target.records['accounts.account'] },
    'POST /api/v1/records/:entity',
  )
  add(
    'POST',
    '/api/v1/records/contacts.contact',
    { lastName: 'Intrus', reportsTo: target.records['contacts.contact'] },
    'POST /api/v1/records/:entity',
  )
  add(
    'POST',
    '/api/v1/records/accounts.account',
    { name: 'Intrus', parentAccount: target.records['accounts.account'] },
    'POST /api/v1/records/:entity',
  )
  add(
    'POST',
    '/api/v1/records/deals.deal',
    {
      name: 'Intrus',
      account: own.records['accounts.account'],
      stage: target.records['deals.stage'],
      closeDate: '2027-01-31',
    },
    'POST /api/v1/records/:entity',
  )
  add(
    'POST',
    '/api/v1/records/deals.deal',
    {
      name: 'Intrus',
      account: target.records['accounts.account'],
      stage: own.records['deals.stage'],
      closeDate: '2027-01-31',
    },
    'POST /api/v1/records/:entity',
  )
  add(
    'POST',
    '/api/v1/records/deals.deal',
    {
      name: 'Intrus',
      account: own.records['accounts.account'],
      contact: target.records['contacts.contact'],
      stage: own.records['deals.stage'],
      closeDate: '2027-01-31',
    },
    'POST /api/v1/records/:entity',
  )
  add(
    'POST',
    '/api/v1/records/accounts.account',
    { name: 'Intrus', owner: target.adminId },
    'POST /api/v1/records/:entity',
  )
  add(
    'POST',
    `/api/v1/records/contacts.contact/${own.records['contacts.contact']}/links/accounts`,
    { target: target.records['accounts.account'] },
    'POST /api/v1/records/:entity/:id/links/:kind',
  )
  add(
    'POST',
    `/api/v1/records/accounts.account/${own.records['accounts.account']}/links/accounts.inverse`,
    { target: target.records['contacts.contact'] },
    'POST /api/v1/records/:entity/:id/links/:kind',
  )
  // A file of the target as the photo of the intruder's contact.
  add(
    'PATCH',
    `/api/v1/records/contacts.contact/${own.records['contacts.contact']}`,
    { version: 1, photo: target.book('file') },
    'PATCH /api/v1/records/:entity/:id',
  )
  add(
    'POST',
    '/api/v1/records/contacts.contact',
    { lastName: 'Intrus', photo: target.book('file') },
    'POST /api/v1/records/:entity',
  )
  add(
    'POST',
    `/api/v1/records/contacts.contact/bulk`,
    { action: 'update', ids: [own.records['contacts.contact']], data: { photo: target.book('file') } },
    'POST /api/v1/records/:entity/bulk',
  )
  const convert = `/api/v1/records/leads.lead/${lead}/actions/convert`
  const pattern = 'POST /api/v1/records/:entity/:id/actions/:action'
  add('POST', convert, { account: { mode: 'existing', id: target.records['accounts.account'] } }, pattern)
  add('POST', convert, { contact: { mode: 'existing', id: target.records['contacts.contact'] } }, pattern)
  add('POST', convert, { deal: { name: 'Intrus', stage: target.records['deals.stage'] } }, pattern)
  add(
    'POST',
    convert,
    { account: { mode: 'create', data: { parentAccount: target.records['accounts.account'] } } },
    pattern,
  )
  add(
    'POST',
    `/api/v1/admin/teams/${team}/members`,
    { userId: target.adminId },
    'POST /api/v1/admin/teams/:id/members',
  )
  add(
    'PATCH',
    `/api/v1/admin/users/${own.book('user')}`,
    { roles: [target.book('role')] },
    'PATCH /api/v1/admin/users/:id',
  )
  add(
    'PATCH',
    `/api/v1/admin/users/${own.book('user')}`,
    { teams: [target.book('team')] },
    'PATCH /api/v1/admin/users/:id',
  )
  add(
    'POST',
    '/api/v1/admin/users',
    { email: 'intrus@example.test', name: 'Intrus', roles: [target.book('role')] },
    'POST /api/v1/admin/users',
  )
  return out
}
