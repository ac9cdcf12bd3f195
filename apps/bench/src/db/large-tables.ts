/**
 * Tables over a row count, from the planner's statistics (`pg_class.reltuples`, fresh after ANALYZE).
 * @module
 */
import type { Database } from '@comptoir/core/server'

export async function largeTables(db: Database, minRows: number): Promise<Set<string>> {
  const rows = await db.system((tx) =>
    tx.query<{ relname: string }>(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.reltuples > $1`,
      [minRows],
    ),
  )
  return new Set(rows.map((r) => r.relname))
}
