/**
 * A `Database` that records every statement it runs, with its parameters and whether it ran in a tenant
 * transaction (as the application role, under row-level security) or a system one. The bench and the
 * plan test use it to get the exact SQL the records engine builds for a request.
 * @module
 */
import type { Database, Queryable } from '@comptoir/core/server'

export interface LoggedQuery {
  text: string
  params: unknown[]
  /** The tenant of the transaction, or null for a system transaction. */
  tenantId: string | null
}

export interface QueryLog {
  readonly db: Database
  /** Statements recorded while `fn` runs. */
  capture<T>(fn: () => Promise<T>): Promise<{ result: T; queries: LoggedQuery[] }>
}

export function createQueryLog(inner: Database): QueryLog {
  let sink: LoggedQuery[] | null = null
  const wrap = (tx: Queryable, tenantId: string | null): Queryable => {
    const logged: Queryable = {
      query(text, params) {
        sink?.push({ text, params: [...(params ?? [])], tenantId })
        return tx.query(text, params)
      },
      savepoint: (fn) => tx.savepoint(fn),
    }
    if (tx.queue) {
      const queue = tx.queue.bind(tx)
      logged.queue = (text, params) => {
        sink?.push({ text, params: [...(params ?? [])], tenantId })
        queue(text, params)
      }
    }
    return logged
  }
  const db: Database = {
    get kind() {
      return inner.kind
    },
    system: (fn) => inner.system((tx) => fn(wrap(tx, null))),
    read(text, params) {
      sink?.push({ text, params: [...(params ?? [])], tenantId: null })
      return inner.read(text, params)
    },
    tenant: (tenantId, fn, opts) => inner.tenant(tenantId, (tx, b) => fn(wrap(tx, tenantId), b), opts),
    exec: (script) => inner.exec(script),
    close: () => inner.close(),
  }
  return {
    db,
    async capture(fn) {
      const queries: LoggedQuery[] = []
      sink = queries
      try {
        return { result: await fn(), queries }
      } finally {
        sink = null
      }
    },
  }
}
