/**
 * Embedded PostgreSQL (PGlite). PGlite is a single session, so every transaction is serialised through
 * one queue: a request's tenant context can never be seen by another request.
 *
 * A database directory can be open in one process only: `<dir>.lock` holds the pid of the process that
 * has it open. A lock left by a process that no longer runs is taken over.
 * @module
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import type { PGlite } from '@electric-sql/pglite'
import { StartupError } from '../errors'
import {
  type Database,
  type Queryable,
  READ_ONLY,
  type Row,
  TENANT_CONTEXT_SQL,
  withSavepoint,
} from './database'

type Transaction = Parameters<Parameters<PGlite['transaction']>[0]>[0]

const parsers = {
  1082: (x: string) => x, // date stays 'YYYY-MM-DD'
  20: (x: string) => Number(x), // int8 (counts) as number
}

export interface PgliteOptions {
  /** Directory of the database files; in memory when absent. */
  dataDir?: string
  /** A `dumpDataDir()` archive to start from (tests start from a migrated snapshot). */
  loadDataDir?: Blob | File
}

/** Lock files this process holds: a lock bearing our own pid but not in this set is a stale one. */
const held = new Set<string>()

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Takes `<dataDir>.lock` for this process, or throws naming the process that has the directory open. */
export function lockDataDir(dataDir: string): () => void {
  const file = `${dataDir}.lock`
  for (let attempt = 0; attempt < 5; attempt++) {
    if (held.has(file)) break
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' })
      held.add(file)
      const release = () => {
        if (!held.delete(file)) return
        process.off('exit', release)
        rmSync(file, { force: true })
      }
      process.on('exit', release)
      return release
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    }
    let pid = Number.NaN
    try {
      pid = Number.parseInt(readFileSync(file, 'utf8'), 10)
    } catch {
      continue // released meanwhile
    }
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isRunning(pid))
      throw new StartupError(
        `The embedded database in ${dataDir} is in use by process ${pid} (a running Comptoir server?). Stop it first. If no such process runs, delete ${file}.`,
      )
    rmSync(file, { force: true }) // stale: its process is gone
  }
  throw new StartupError(`The embedded database in ${dataDir} is already open in this process (${file}).`)
}

export async function createPgliteDatabase(opts: PgliteOptions = {}): Promise<Database & { pglite: PGlite }> {
  // Loaded here rather than at the top: a server on PostgreSQL never needs the embedded database.
  const [{ PGlite }, { btree_gin }, { pg_trgm }, { unaccent }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/btree_gin'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/contrib/unaccent'),
  ])
  const unlock = opts.dataDir ? lockDataDir(opts.dataDir) : () => {}
  let pg: PGlite
  try {
    pg = await PGlite.create({
      ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
      ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
      extensions: { pg_trgm, btree_gin, unaccent },
      parsers,
    })
  } catch (e) {
    unlock()
    throw e
  }
  /** Transactions and statements that may have written, counted when they end (see `Database.writes`). */
  let writes = 0
  let queue: Promise<unknown> = Promise.resolve()
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    // A turn of the event loop between transactions: HTTP requests keep being accepted during long work.
    const run = queue.then(() => new Promise<void>((r) => setImmediate(r))).then(fn, fn)
    queue = run.catch(() => undefined)
    return run
  }
  /** Runs `fn` in a transaction; if any of its statements may have written, `writes` moves when it ends. */
  const transaction = <T>(fn: (tx: Transaction, wrote: () => void) => Promise<T>): Promise<T> => {
    let wrote = false
    return pg
      .transaction((tx) => fn(tx, () => (wrote = true)))
      .finally(() => {
        if (wrote) writes++
      })
  }
  // Queued writes are awaited before the transaction ends: the first failure rolls it back.
  const wrap = (tx: Transaction, queued: Promise<unknown>[], wrote: () => void): Queryable => {
    const q: Queryable = {
      async query<T>(text: string, params?: readonly unknown[]) {
        if (!READ_ONLY.test(text)) wrote()
        const r = await tx.query<T>(text, params as unknown[])
        return r.rows
      },
      savepoint: (fn) => {
        wrote()
        return withSavepoint((s) => tx.query(s), fn)
      },
      queue(text, params) {
        wrote()
        const sent = tx.query(text, params as unknown[])
        sent.catch(() => {})
        queued.push(sent)
      },
    }
    return q
  }
  const settle = async <T>(result: T, queued: Promise<unknown>[]): Promise<T> => {
    await Promise.all(queued)
    return result
  }
  return {
    kind: 'pglite',
    pglite: pg,
    system: (fn) =>
      exclusive(() =>
        transaction(async (tx, wrote) => {
          const queued: Promise<unknown>[] = []
          return settle(await fn(wrap(tx, queued, wrote)), queued)
        }),
      ),
    read: <T>(text: string, params?: readonly unknown[]) =>
      exclusive(async () => {
        try {
          return (await pg.query<T>(text, params as unknown[])).rows
        } finally {
          if (!READ_ONLY.test(text)) writes++
        }
      }),
    tenant: (tenantId, fn, o = {}) =>
      exclusive(() =>
        transaction(async (tx, wrote) => {
          const before = o.before
            ? (await tx.query<Row>(o.before.text, o.before.params as unknown[])).rows
            : undefined
          await tx.query(TENANT_CONTEXT_SQL, [tenantId, o.userId ?? ''])
          const queued: Promise<unknown>[] = []
          return settle(await fn(wrap(tx, queued, wrote), before && Promise.resolve(before)), queued)
        }),
      ),
    exec: (script) =>
      exclusive(async () => {
        try {
          await pg.exec(script)
        } finally {
          writes++
        }
      }),
    writes: () => writes,
    close: () => exclusive(() => pg.close()).finally(unlock),
  }
}
