/**
 * A cheap witness of "nothing was written": for one tenant, the count of outbox events, history
 * entries, trash entries and files, and the sum of every numbering sequence. Every accepted write moves
 * at least one of them; a refused request must move none.
 * @module
 */
import type { Database } from '@comptoir/core/server'

export async function writeCounter(db: Database, tenantId: string): Promise<string> {
  const [r] = await db.tenant(tenantId, (tx) =>
    tx.query<{ w: string }>(
      `SELECT concat_ws(':',
         (SELECT count(*) FROM core_outbox WHERE tenant_id = $1),
         (SELECT count(*) FROM core_history WHERE tenant_id = $1),
         (SELECT count(*) FROM core_trash_entry WHERE tenant_id = $1),
         (SELECT count(*) FROM core_file WHERE tenant_id = $1),
         (SELECT coalesce(sum(next), 0) FROM core_sequence WHERE tenant_id = $1)) AS w`,
      [tenantId],
    ),
  )
  return r.w
}
