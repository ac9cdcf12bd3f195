/**
 * The SQL of a `q=` search for one user: what joins the candidate matches (with their `s.score`) to the
 * entity's rows `t`. Through `comptoir_search` and its trigram index, with the user's owners applied
 * before the best matches are taken, so a narrow scope never loses its matches behind the tenant's.
 * When a field the search reads is hidden from the user, the indexed expression would let them probe its
 * values: the search then reads only the fields they may see, without the index (under the user's
 * row-level security and scope).
 * @module
 */
import { columnsOf } from '../entity/columns'
import { searchFields } from '../entity/search-expression'
import type { RequestContext } from '../records/context'
import type { EntityModel } from '../records/entity-model'
import type { Params } from '../records/sql-params'

/** Word similarity at or above which a term matches (the search function's `<%` threshold). */
const WORD_THRESHOLD = 0.5

/**
 * Owners whose records `actions` all reach: null for every owner, `[]` for none. Intersected, so the
 * candidate set is never wider than what the caller will keep.
 */
export function searchOwners(ctx: RequestContext, model: EntityModel, actions: string[]): string[] | null {
  let owners: string[] | null = null
  for (const action of actions) {
    if (model.entity.ownership === 'none') {
      if (!ctx.access.can(`${model.ref}.${action}`)) return []
      continue
    }
    const scope = ctx.access.scope(`${model.ref}.${action}`)
    const reach =
      scope === 'all'
        ? null
        : scope === 'team'
          ? ctx.access.teamMemberIds
          : scope === 'own'
            ? [ctx.access.userId]
            : []
    if (reach === null) continue
    owners = owners === null ? [...reach] : owners.filter((o) => reach.includes(o))
  }
  return owners
}

export interface SearchSql {
  /** Appended to `FROM <table> t`. */
  join: string
  /** Predicates to add to the query's WHERE. */
  where: string[]
}

/**
 * The search of `q` over `model` as the user sees it. `limit` caps the indexed candidates (best first);
 * `owners` comes from {@link searchOwners}.
 */
export function searchSql(
  model: EntityModel,
  q: string,
  limit: number,
  owners: string[] | null,
  p: Params,
): SearchSql {
  const fields = searchFields(model.entity)
  const visible = fields.filter((n) => model.fields.has(n))
  if (visible.length === fields.length) {
    const ownersSql = owners === null ? 'NULL::uuid[]' : `${p.add(owners)}::uuid[]`
    return {
      join: ` JOIN comptoir_search(${p.add(model.ref)}, ${p.add(q)}, ${limit}, ${ownersSql}) s ON s.id = t.id`,
      where: [],
    }
  }
  if (!visible.length) return { join: ' CROSS JOIN (SELECT 0::real AS score) s', where: ['false'] }
  const cols = visible.flatMap((n) => columnsOf(n, model.entity.fields[n]).map((c) => `t."${c.column}"`))
  const expr = `comptoir_unaccent(lower(${cols.map((c) => `coalesce(${c}::text, '')`).join(` || ' ' || `)}))`
  const term = `comptoir_unaccent(lower(${p.add(q)}::text))`
  const pattern = `'%' || replace(replace(replace(${term}, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`
  return {
    join: ` CROSS JOIN LATERAL (SELECT ${expr} AS x, ${term} AS q) sx CROSS JOIN LATERAL (SELECT greatest(similarity(sx.x, sx.q), word_similarity(sx.q, sx.x))::real AS score) s`,
    where: [`(sx.x LIKE ${pattern} OR word_similarity(sx.q, sx.x) >= ${WORD_THRESHOLD})`],
  }
}
