/**
 * The statement `comptoir_search` runs inside (core's `drizzle/0002_search.sql`), rebuilt for each
 * entity from `core_search_config`, so that its plan can be explained and its cost measured alone: the
 * function itself shows only as a Function Scan in the plan of the query that calls it.
 * @module
 */
import type { Database } from '@comptoir/core/server'
import type { LoggedQuery } from './query-log'

export interface SearchConfig {
  entity: string
  table_name: string
  expr: string
}

export function searchSql(c: SearchConfig): string {
  return `SELECT s.id, greatest(similarity(${c.expr}, $2), word_similarity($2, ${c.expr}))::real AS score FROM "${c.table_name}" s
    WHERE s.tenant_id = $1 AND s.deleted_at IS NULL AND (${c.expr} LIKE $3 OR $2 <% ${c.expr})
    ORDER BY score DESC, s.id LIMIT $4`
}

/** The function's argument as it normalises it, and the LIKE pattern it derives. */
export function searchParams(normalized: string): { q: string; pattern: string } {
  return { q: normalized, pattern: `%${normalized.replace(/[\\%_]/g, (c) => `\\${c}`)}%` }
}

/**
 * The inner statements of every `comptoir_search(entity, term, limit)` call among `queries`, as system
 * statements (the function is SECURITY DEFINER: it runs as the owner and applies the tenant itself).
 */
export async function innerSearchQueries(db: Database, queries: LoggedQuery[]): Promise<LoggedQuery[]> {
  const out: LoggedQuery[] = []
  const configs = await db.system((tx) =>
    tx.query<SearchConfig>('SELECT entity, table_name, expr FROM core_search_config'),
  )
  for (const q of queries) {
    const m = /comptoir_search\(\$(\d+), \$(\d+), (\d+)(?:, [^)]*)?\)/.exec(q.text)
    if (!m || !q.tenantId) continue
    const entity = String(q.params[Number(m[1]) - 1])
    const term = String(q.params[Number(m[2]) - 1])
    const c = configs.find((x) => x.entity === entity)
    if (!c) continue
    const [{ q: normalized }] = await db.system((tx) =>
      tx.query<{ q: string }>('SELECT comptoir_unaccent(lower(btrim($1))) AS q', [term]),
    )
    const p = searchParams(normalized)
    out.push({ text: searchSql(c), params: [q.tenantId, p.q, p.pattern, Number(m[3])], tenantId: null })
  }
  return out
}
