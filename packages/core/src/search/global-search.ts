/**
 * Global search: every enabled entity the user may read, each searched with the user's scope applied
 * inside the search (see `search-sql.ts`) and only on the fields they may see, grouped by entity.
 * @module
 */
import type { RequestContext } from '../records/context'
import type { RecordsServiceImpl } from '../records/records-service'
import { scopeSql } from '../records/scope'
import { Params } from '../records/sql-params'
import { searchOwners, searchSql } from './search-sql'

export interface SearchGroup {
  entity: string
  items: { id: string; title: string; score: number }[]
}

export async function globalSearch(ctx: RequestContext, q: string, perEntity = 5): Promise<SearchGroup[]> {
  const term = q.trim()
  if (!term) return []
  const groups: SearchGroup[] = []
  for (const e of ctx.core.registry.entities.values()) {
    if (!ctx.enabled.has(e.plugin) || !ctx.access.can(`${e.ref}.read`)) continue
    const svc = ctx.records(e.ref) as RecordsServiceImpl
    const model = await svc.model()
    const p = new Params()
    const where = [`t.tenant_id = ${p.add(ctx.tenant.id)}`, 't.deleted_at IS NULL']
    const scope = scopeSql(ctx, model, 'read', p)
    if (scope) where.push(scope)
    const search = searchSql(model, term, 200, searchOwners(ctx, model, ['read']), p)
    where.push(...search.where)
    const rows = await ctx.tx.query<{ id: string; title: string; score: number }>(
      `SELECT t.id, ${model.titleSql()} AS title, s.score FROM ${model.table} t${search.join}
       WHERE ${where.join(' AND ')} ORDER BY s.score DESC, t.id LIMIT ${perEntity}`,
      p.values,
    )
    if (rows.length)
      groups.push({ entity: e.ref, items: rows.map((r) => ({ ...r, score: Number(r.score) })) })
  }
  return groups.sort((a, b) => (b.items[0]?.score ?? 0) - (a.items[0]?.score ?? 0))
}
