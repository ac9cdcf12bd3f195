/**
 * `GET /api/v1/p/leads/duplicates?email=&phone=&company=&firstName=&lastName=`: the leads, contacts and
 * accounts a new lead may duplicate, each with what matched. Only records the user may read are listed.
 * @module
 */
import { ForbiddenError, type RequestContext, type ServerPluginParts } from '@comptoir/core/server'
import {
  type DuplicateCriteria,
  type DuplicateQuery,
  duplicateQueries,
  type MatchedOn,
  SIMILARITY_THRESHOLD,
} from './duplicate-queries'

export interface DuplicateCandidate {
  id: string
  title: string
  matchedOn: MatchedOn[]
}

export interface DuplicatesResult {
  leads: DuplicateCandidate[]
  contacts: DuplicateCandidate[]
  accounts: DuplicateCandidate[]
}

const GROUPS = {
  'leads.lead': 'leads',
  'contacts.contact': 'contacts',
  'accounts.account': 'accounts',
} as const
const PER_QUERY = 5

const column = (field: string) => `t."${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}"`

/**
 * Ids of the live rows whose fields are trigram-similar to the query's value, most similar first. Only
 * ids leave this step: the rows themselves are then read through the records service, so the user's
 * scope applies. A field the user may not see is never compared.
 */
async function similarIds(ctx: RequestContext, query: DuplicateQuery): Promise<string[] | null> {
  const similar = query.similar
  if (!similar) return null
  if (similar.fields.some((f) => ctx.access.fieldRule(query.ref, f) === 'hidden')) return []
  const entity = ctx.core.registry.entities.get(query.ref)!
  const text = `comptoir_unaccent(lower(concat_ws(' ', ${similar.fields.map(column).join(', ')})))`
  const converted = query.ref === 'leads.lead' ? "AND t.status IS DISTINCT FROM 'converted'" : ''
  const contains = similar.contains ? `OR strpos(${text}, $2) > 0` : ''
  const rows = await ctx.tx.query<{ id: string }>(
    `SELECT t.id FROM "${entity.table}" t
     WHERE t.tenant_id = $1 AND t.deleted_at IS NULL ${converted}
       AND (similarity(${text}, $2) >= $3 ${contains})
     ORDER BY similarity(${text}, $2) DESC, t.id LIMIT 50`,
    [ctx.tenant.id, similar.value, SIMILARITY_THRESHOLD],
  )
  return rows.map((r) => r.id)
}

async function candidates(ctx: RequestContext, query: DuplicateQuery): Promise<Record<string, any>[]> {
  try {
    if (!ctx.access.can(`${query.ref}.read`)) return []
    const ids = await similarIds(ctx, query)
    if (ids && !ids.length) return []
    const filters = [
      ...(query.filters ?? []),
      ...(ids ? [{ field: 'id', op: 'in' as const, value: ids }] : []),
    ]
    const { data } = await ctx.records(query.ref).list({ filters, limit: PER_QUERY * 4 })
    // The most similar first, as the similarity step ranked them.
    if (ids) data.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
    return data.slice(0, PER_QUERY)
  } catch (err) {
    // A user who may not read an entity simply gets no candidates from it.
    if (err instanceof ForbiddenError) return []
    throw err
  }
}

export async function findDuplicates(
  ctx: RequestContext,
  criteria: DuplicateCriteria,
): Promise<DuplicatesResult> {
  const found = new Map<string, DuplicateCandidate & { group: keyof DuplicatesResult }>()
  for (const query of duplicateQueries(criteria)) {
    for (const r of await candidates(ctx, query)) {
      const key = `${query.ref}:${r.id}`
      const hit = found.get(key) ?? {
        group: GROUPS[query.ref],
        id: r.id,
        title: r._title ?? r.id,
        matchedOn: [] as MatchedOn[],
      }
      if (!hit.matchedOn.includes(query.on)) hit.matchedOn.push(query.on)
      found.set(key, hit)
    }
  }
  const result: DuplicatesResult = { leads: [], contacts: [], accounts: [] }
  for (const { group, ...candidate } of found.values()) result[group].push(candidate)
  for (const list of [result.leads, result.contacts, result.accounts]) {
    list.sort((a, b) => b.matchedOn.length - a.matchedOn.length)
  }
  return result
}

export const routes: NonNullable<ServerPluginParts['routes']> = function routes(app) {
  app.get('/duplicates', async (c) => {
    const q = c.req.query()
    const criteria: DuplicateCriteria = {
      email: q.email,
      phone: q.phone,
      company: q.company,
      firstName: q.firstName,
      lastName: q.lastName,
    }
    return c.json(await findDuplicates(c.get('ctx'), criteria))
  })
}
