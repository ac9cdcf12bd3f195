/**
 * Runs work that opens many transactions (creating a tenant, every plugin's demo data) as one: inside
 * `fn`, `db` is a database whose transactions are savepoints of a single outer transaction, so the work
 * commits whole or not at all. Once `signal` is aborted, its next statement throws and everything rolls
 * back: Ctrl-C during the first run leaves nothing half-written.
 */
import type { Database, Queryable } from '@comptoir/core/server'

/** The statement that opens core's tenant transactions: role, tenant and user, for this transaction. */
const TENANT_CONTEXT = `SELECT set_config('role', 'comptoir_app', true), set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)`
/** Back to the owner, with no tenant, after a tenant savepoint. */
const SYSTEM_CONTEXT = `SELECT set_config('role', 'none', true), set_config('app.tenant_id', '', true), set_config('app.user_id', '', true)`

export class Interrupted extends Error {
  constructor() {
    super('Interrupted')
    this.name = 'Interrupted'
  }
}

function nested(kind: Database['kind'], outer: Queryable, signal: AbortSignal): Database {
  const tx: Queryable = {
    query(text, params) {
      if (signal.aborted) return Promise.reject(new Interrupted())
      return outer.query(text, params)
    },
    savepoint: (fn) => outer.savepoint(fn),
  }
  if (outer.queue) {
    const queue = outer.queue.bind(outer)
    tx.queue = (text, params) => {
      if (signal.aborted) throw new Interrupted()
      queue(text, params)
    }
  }
  return {
    kind,
    system: (fn) => tx.savepoint(() => fn(tx)),
    read: (text, params) => tx.query(text, params),
    tenant: (tenantId, fn, o = {}) =>
      tx.savepoint(async () => {
        const before = o.before ? await tx.query(o.before.text, o.before.params) : undefined
        await tx.query(TENANT_CONTEXT, [tenantId, o.userId ?? ''])
        const result = await fn(tx, before && Promise.resolve(before))
        await tx.query(SYSTEM_CONTEXT)
        return result
      }),
    exec: () => Promise.reject(new Error('Scripts cannot run inside one transaction')),
    close: async () => {},
  }
}

export function inOneTransaction<T>(
  db: Database,
  signal: AbortSignal,
  fn: (db: Database) => Promise<T>,
): Promise<T> {
  if (signal.aborted) return Promise.reject(new Interrupted())
  return db.system((outer) => fn(nested(db.kind, outer, signal)))
}
