/**
 * The database seen by the rest of core: two kinds of transactions.
 * - `tenant(id, fn)`: runs as the `comptoir_app` role with `app.tenant_id` set for this transaction only;
 *   forced row-level security applies. Every request touching tenant data goes through here.
 * - `system(fn)`: runs as the owner role, for what happens before a tenant is known (login, session
 *   lookup), the platform operator API, migrations and background dispatch across tenants.
 * @module
 */

export type Row = Record<string, any>

export interface Queryable {
  /** Parameterised query. `text` is built from metadata only; every value goes through `params`. */
  query<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>
  /** Runs `fn` inside a savepoint: a failure rolls back only what `fn` did. */
  savepoint<T>(fn: () => Promise<T>): Promise<T>
  /**
   * Sends a write whose answer nobody waits for (a history line, an outbox event): it goes out now, in
   * order, and travels with the next statements or the `COMMIT`. Its failure fails the whole transaction
   * when it ends, whatever savepoint it was sent in. Absent on wrappers that cannot do this: callers
   * then run it as a `query`.
   */
  queue?(text: string, params?: readonly unknown[]): void
  /**
   * Runs a `COPY (…) TO STDOUT` and hands its output to `onData` as it arrives, in order; resolves once
   * the copy is complete. The statement takes no parameters (PostgreSQL accepts none in COPY). Absent on
   * drivers and wrappers without COPY: callers read rows with `query` instead.
   */
  copyOut?(text: string, onData: (chunk: Uint8Array) => void): Promise<void>
}

/** `tx.queue` where the driver has it, else an awaited `query`. */
export async function queueWrite(tx: Queryable, text: string, params: readonly unknown[]): Promise<void> {
  if (tx.queue) tx.queue(text, params)
  else await tx.query(text, params)
}

export interface TenantContextOptions {
  userId?: string
  /**
   * A statement run first, as the pool's role and before the tenant context, in the same transaction
   * and the same flight as `BEGIN` and the context (the session check of a request whose tenant is
   * already known). Its rows reach `fn` as a promise; `fn` decides what they mean.
   */
  before?: { text: string; params: readonly unknown[] }
}

export interface Database {
  readonly kind: 'pglite' | 'postgres'
  system<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  /** One statement as the owner, outside any transaction: the cheap path for system reads. */
  read<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>
  tenant<T>(
    tenantId: string,
    fn: (tx: Queryable, before: Promise<Row[]> | undefined) => Promise<T>,
    opts?: TenantContextOptions,
  ): Promise<T>
  /** Runs a multi-statement script as the owner, outside any transaction (migrations use their own). */
  exec(script: string): Promise<void>
  close(): Promise<void>
  /**
   * How many times anything may have been written, where every write goes through this object (the
   * embedded database, open in one process only): rows read while it stays the same are still true, so
   * what every request reads (its session, its context) is read once. Absent where other processes write.
   */
  writes?(): number
}

export const APP_ROLE = 'comptoir_app'

/** A statement that only reads: a SELECT (functions it calls are read-only in this schema). */
export const READ_ONLY = /^\s*SELECT\b/i

/** The statement that opens every tenant transaction: role, tenant and user, in one round trip. */
export const TENANT_CONTEXT_SQL = `SELECT set_config('role', '${APP_ROLE}', true), set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)`

let savepointSeq = 0
/** Savepoint on top of any driver that can run plain statements inside its transaction. */
export async function withSavepoint<T>(
  run: (sql: string) => Promise<unknown>,
  fn: () => Promise<T>,
): Promise<T> {
  const name = `sp_${++savepointSeq}`
  await run(`SAVEPOINT ${name}`)
  try {
    const result = await fn()
    await run(`RELEASE SAVEPOINT ${name}`)
    return result
  } catch (e) {
    await run(`ROLLBACK TO SAVEPOINT ${name}`)
    throw e
  }
}
