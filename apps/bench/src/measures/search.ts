/**
 * Search with row-level security on: `q=` on contacts and the global search with a typo, each beside the
 * `(tenant_id, trigram)` statement that `comptoir_search` runs inside, executed alone on the same data.
 * @module
 */
import postgres from 'postgres'
import type { BenchContext } from '../context'
import { callTarget, httpTarget } from '../load/http-target'
import { interleave } from '../load/interleave'
import { GLOBAL_TERM, SEARCH_TERM } from '../scenario'
import { fmt, x } from '../report/report'
import { type SearchConfig, searchParams, searchSql } from '../db/search-statements'

export async function searchFloor(url: string, tenantId: string, term: string) {
  // The function sets this threshold for its own statement; the floor sets it for its connection.
  const sql = postgres(url, {
    max: 1,
    onnotice: () => {},
    connection: { 'pg_trgm.word_similarity_threshold': '0.5' } as Record<string, string>,
  })
  const [{ q }] = await sql<{ q: string }[]>`SELECT comptoir_unaccent(lower(btrim(${term}))) AS q`
  const { pattern } = searchParams(q)
  const configs = await sql<SearchConfig[]>`
    SELECT c.entity, c.table_name, c.expr FROM core_search_config c
    JOIN core_tenant_plugin p ON p.tenant_id = ${tenantId} AND p.enabled AND p.plugin_id = split_part(c.entity, '.', 1)
    ORDER BY c.entity`
  return {
    configs,
    run: (entity: string, limit: number) => {
      const c = configs.find((x) => x.entity === entity)!
      return sql.unsafe(searchSql(c), [tenantId, q, pattern, limit], { prepare: true })
    },
    close: () => sql.end(),
  }
}

export async function measureSearch(ctx: BenchContext): Promise<void> {
  const { scenario: sc, report } = ctx
  const floor = await searchFloor(ctx.url, ctx.captured.tenantId, SEARCH_TERM)
  const typo = await searchFloor(ctx.url, ctx.captured.tenantId, GLOBAL_TERM)
  try {
    ctx.log('measuring search')
    const s = await interleave(
      [
        httpTarget('app', {
          base: sc.session.base,
          next: () => ({ path: sc.paths.search, headers: { cookie: sc.session.cookie } }),
        }),
        callTarget('sql', () => floor.run('contacts.contact', 2000)),
      ],
      ctx.schedule,
    )
    report.summary('search_contacts', s.app)
    report.summary('search_contacts_sql', s.sql)
    const r = report.ratio('search_contacts_p95', s.app.p95 / s.sql.p95)
    report.row({
      measure: `Search q="${SEARCH_TERM}" on contacts (RLS on)`,
      comptoir: fmt(s.app),
      floor: `SQL ${fmt(s.sql)}`,
      ratio: `p95 ${x(r)}`,
    })
    report.budget('search q= p95 ÷ its SQL floor', r, '<=', 2)

    ctx.log('measuring global search')
    const g = await interleave(
      [
        httpTarget('app', {
          base: sc.session.base,
          next: () => ({ path: sc.paths.globalSearch, headers: { cookie: sc.session.cookie } }),
        }),
        callTarget('sql', async () => {
          for (const c of typo.configs) await typo.run(c.entity, 200)
        }),
      ],
      ctx.schedule,
    )
    report.summary('search_global', g.app)
    report.summary('search_global_sql', g.sql)
    const rg = report.ratio('search_global_p95', g.app.p95 / g.sql.p95)
    report.row({
      measure: `Global search "${GLOBAL_TERM}" (typo, ${typo.configs.length} entities, RLS on)`,
      comptoir: fmt(g.app),
      floor: `SQL ${fmt(g.sql)}`,
      ratio: `p95 ${x(rg)}`,
    })
    report.budget('global search p95 ÷ its SQL floor', rg, '<=', 2)
  } finally {
    await floor.close()
    await typo.close()
  }
}
