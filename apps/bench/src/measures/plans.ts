/**
 * The plan of each hot statement of the measured requests, explained on the measured data as the
 * application role under row-level security, with the sequential scans of tables over 10,000 rows.
 * @module
 */
import type { Database } from '@comptoir/core/server'
import type { Captured } from '../capture'
import { explain, isExplainable } from '../db/explain'
import { largeTables } from '../db/large-tables'
import type { LoggedQuery } from '../db/query-log'
import { innerSearchQueries } from '../db/search-statements'
import type { Report } from '../report/report'

export const LARGE_TABLE_ROWS = 10_000

/** Statements of a request that read entity tables (the page, its count, its search), not the context. */
export function hotStatements(queries: LoggedQuery[]): LoggedQuery[] {
  return queries.filter((q) => /FROM "[a-z_]+" t\b/.test(q.text) || /^SELECT count\(\*\)/.test(q.text))
}

export async function measurePlans(report: Report, db: Database, captured: Captured): Promise<void> {
  const large = await largeTables(db, LARGE_TABLE_ROWS)
  let seq = 0
  for (const [name, queries] of Object.entries(captured.queries)) {
    const all = [...queries.filter(isExplainable), ...(await innerSearchQueries(db, queries))]
    const hot = new Set([...hotStatements(queries), ...all.filter((q) => !queries.includes(q))])
    let n = 0
    for (const q of all) {
      const e = await explain(db, q)
      const bad = e.seqScans.filter((t) => large.has(t))
      seq += bad.length
      if (hot.has(q) || bad.length)
        report.plans.push({ query: `${name} #${++n}`, shape: e.shape, seqScans: bad })
    }
  }
  report.metric('seq_scans_on_large_tables', seq)
  report.budget(
    `sequential scans of tables over ${LARGE_TABLE_ROWS.toLocaleString('en')} rows in measured requests`,
    seq,
    '<=',
    0,
  )
}
