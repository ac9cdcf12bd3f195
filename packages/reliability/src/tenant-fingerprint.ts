/**
 * A fingerprint of everything a tenant owns: every row of every table with a `tenant_id`, read inside
 * the tenant's own transaction (so RLS applies as for a request) and hashed table by table. Two equal
 * fingerprints mean no attempt changed, added or removed a single row of the tenant.
 * @module
 */
import { createHash } from 'node:crypto'
import type { Database } from '@comptoir/core/server'

/** Tables whose rows change by design when the tenant's own users act (none act during an attack). */
const tenantTablesSql = `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND c.relkind = 'r'
    AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
  ORDER BY c.relname`

export async function tenantTables(db: Database): Promise<string[]> {
  const rows = await db.system((tx) => tx.query<{ name: string }>(tenantTablesSql))
  return rows.map((r) => r.name)
}

/** Table name → hash of its rows for the tenant (plus the row count, to read failures easily). */
export async function tenantFingerprint(db: Database, tenantId: string): Promise<Record<string, string>> {
  const tables = await tenantTables(db)
  return db.tenant(tenantId, async (tx) => {
    const out: Record<string, string> = {}
    for (const table of tables) {
      // The table name comes from the catalog; the tenant is a parameter.
      const rows = await tx.query<{ r: string }>(
        `SELECT row_to_json(t)::text AS r FROM "${table}" t WHERE tenant_id = $1 ORDER BY 1`,
        [tenantId],
      )
      const h = createHash('sha256')
      for (const row of rows) h.update(row.r).update('\n')
      out[table] = `${rows.length}:${h.digest('hex').slice(0, 16)}`
    }
    return out
  })
}

/**
 * Rows of the tenant's records and links (plugin tables and `core_link`) that mention any of `ids`: a
 * record of one tenant pointing at another's. Job and file tables are left out, since an uploaded file
 * holds whatever its sender typed.
 */
export async function rowsMentioning(db: Database, tenantId: string, ids: string[]): Promise<string[]> {
  const tables = (await tenantTables(db)).filter((t) => !t.startsWith('core_') || t === 'core_link')
  return db.tenant(tenantId, async (tx) => {
    const out: string[] = []
    for (const table of tables) {
      const rows = await tx.query<{ r: string }>(
        `SELECT row_to_json(t)::text AS r FROM "${table}" t WHERE tenant_id = $1`,
        [tenantId],
      )
      for (const row of rows)
        for (const id of ids) if (row.r.includes(id)) out.push(`${table}: ${row.r.slice(0, 200)}`)
    }
    return out
  })
}
