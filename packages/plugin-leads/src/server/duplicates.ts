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
  keeps,
  type MatchedOn,
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

async function candidates(ctx: RequestContext, query: DuplicateQuery): Promise<Record<string, any>[]> {
  try {
    // Rows the closer check may drop are read in larger pages.
    const limit = query.keep ? PER_QUERY * 4 : PER_QUERY
    const { data } = await ctx.records(query.ref).list({ filters: query.filters, q: query.q, limit })
    return data.filter((row) => keeps(query, row)).slice(0, PER_QUERY)
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
