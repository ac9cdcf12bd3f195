import { sql } from 'drizzle-orm'
import { pgPolicy } from 'drizzle-orm/pg-core'

/**
 * The only policy form allowed on tenant tables. `nullif(…, '')` keeps it failing closed (no rows, no error)
 * once a transaction-local setting has ended and reads as an empty string.
 */
export const TENANT_PREDICATE = `tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`

export function tenantPolicy() {
  const p = sql.raw(TENANT_PREDICATE)
  return pgPolicy('tenant_isolation', { as: 'permissive', for: 'all', using: p, withCheck: p })
}
