/**
 * PostgreSQL server through postgres.js. The pool connects as the schema owner; tenant transactions
 * switch to `comptoir_app` with a transaction-local `set_config`, so nothing leaks to the next user of a
 * pooled connection.
 * @module
 */
import postgres from 'postgres'
import { type Database, type Queryable, READ_ONLY, TENANT_CONTEXT_SQL, withSavepoint } from './database'
import { objectRows } from './object-rows'

export interface PostgresOptions {
  url: string
  max?: number
}

/** Seconds before reconnecting after the `retries`-th connection lost in a row: 50 ms doubling, at most 1 s. */
export function reconnectDelay(retries: number): number {
  return Math.min(0.05 * 2 ** retries, 1) * (0.5 + Math.random() / 2)
}

export function createPostgresDatabase(opts: PostgresOptions): Database & { sql: postgres.Sql } {
  const sql = postgres(opts.url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    types: {
      date: { to: 1082, from: [1082], serialize: (x: string) => x, parse: (x: string) => x },
      int8: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
    } as any,
    connection: { application_name: 'comptoir' },
    // A lost connection is opened again within a second at most. The driver's own backoff grows with
    // every connection lost on an error, shared by the whole pool, up to 20 s: after a burst of killed
    // backends, requests queued on a reconnecting connection waited that long while PostgreSQL was up.
    backoff: reconnectDelay,
  })
  // Whether a transaction wrote: one that only read commits without holding up its answer (the patched
  // driver sends COMMIT and returns; the connection goes back to the pool once it is done). A statement
  // that is not a plain SELECT counts as a write, and so does a savepoint.
  const wrap = (tx: postgres.TransactionSql & { commitInBackground?: boolean }): Queryable => {
    tx.commitInBackground = true
    return {
      async query<T>(text: string, params?: readonly unknown[]) {
        if (tx.commitInBackground && !READ_ONLY.test(text)) tx.commitInBackground = false
        return objectRows(
          await tx.unsafe(text, (params ?? []) as any[], { prepare: true }).values(),
        ) as unknown as T[]
      },
      savepoint: (fn) => {
        tx.commitInBackground = false
        return withSavepoint((s) => tx.unsafe(s), fn)
      },
      queue(text, params) {
        tx.commitInBackground = false
        // The driver's transaction keeps the failure and reports it at COMMIT (patched `begin`).
        tx.unsafe(text, (params ?? []) as any[], { prepare: true })
          .execute()
          .catch(() => {})
      },
      async copyOut(text, onData) {
        // A COPY only reads: the transaction may still commit in the background.
        const stream = await tx.unsafe(text).readable()
        await new Promise<void>((resolve, reject) => {
          stream.on('data', (chunk: Uint8Array) => {
            try {
              onData(chunk)
            } catch (e) {
              stream.destroy(e as Error)
            }
          })
          stream.once('end', resolve)
          stream.once('error', reject)
        })
      },
    }
  }
  return {
    kind: 'postgres',
    sql,
    system: (fn) => sql.begin((tx) => fn(wrap(tx))) as Promise<any>,
    read: async <T>(text: string, params?: readonly unknown[]) =>
      objectRows(
        await sql.unsafe(text, (params ?? []) as any[], { prepare: true }).values(),
      ) as unknown as T[],
    tenant: (tenantId, fn, o = {}) =>
      sql.begin(async (tx) => {
        // Sent without waiting: the first statement of `fn` follows it on the same connection. A
        // postgres.js query only goes out once something subscribes to it, so `execute()` queues the
        // context now, before `fn` can queue anything. If it fails the transaction is aborted and every
        // statement after it fails too: nothing runs without the tenant context.
        const before = o.before
          ? (
              tx
                .unsafe(o.before.text, o.before.params as any[], { prepare: true })
                .values()
                .execute() as unknown as Promise<Parameters<typeof objectRows>[0]>
            ).then(objectRows)
          : undefined
        before?.catch(() => {}) // `fn` reports it
        const context = tx.unsafe(TENANT_CONTEXT_SQL, [tenantId, o.userId ?? ''], { prepare: true }).execute()
        const result = (async () => fn(wrap(tx), before))()
        // Both settle before the transaction ends, so no statement of `fn` can outlive it; the
        // context's failure is the one reported.
        const [b, c, r] = await Promise.allSettled([before, context, result])
        if (b.status === 'rejected') throw b.reason
        if (c.status === 'rejected') throw c.reason
        if (r.status === 'rejected') throw r.reason
        return r.value
      }) as Promise<any>,
    exec: async (script) => void (await sql.unsafe(script)),
    close: () => sql.end({ timeout: 5 }),
  }
}
