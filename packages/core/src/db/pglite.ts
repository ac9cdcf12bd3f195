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
import { type Database, type Queryable, type Row, TENANT_CONTEXT_SQL, withSavepoint } from './database'

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
  let queue: Promise<unknown> = Promise.resolve()
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    // A turn of the event loop between transactions: HTTP requests keep being accepted during long work.
    const run = queue.then(() => new Promise<void>((r) => setImmediate(r))).then(fn, fn)
    queue = run.catch(() => undefined)
    return run
  }
  // Queued writes are awaited before the transaction ends: the first failure rolls it back.
  const wrap = (tx: { query: PGlite['query'] }, queued: Promise<unknown>[]): Queryable => {
    const q: Queryable = {
      async query<T>(text: string, params?: readonly unknown[]) {
        const r = await tx.query<T>(text, params as unknown[])
        return r.rows
      },
      savepoint: (fn) => withSavepoint((s) => tx.query(s), fn),
      queue(text, params) {
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
        pg.transaction(async (tx) => {
          const queued: Promise<unknown>[] = []
          return settle(await fn(wrap(tx, queued)), queued)
        }),
      ),
    read: <T>(text: string, params?: readonly unknown[]) =>
      exclusive(async () => (await pg.query<T>(text, params as unknown[])).rows),
    tenant: (tenantId, fn, o = {}) =>
      exclusive(() =>
        pg.transaction(async (tx) => {
          const before = o.before
            ? (await tx.query<Row>(o.before.text, o.before.params as unknown[])).rows
            : undefined
          await tx.query(TENANT_CONTEXT_SQL, [tenantId, o.userId ?? ''])
          const queued: Promise<unknown>[] = []
          return settle(await fn(wrap(tx, queued), before && Promise.resolve(before)), queued)
        }),
      ),
    exec: (script) => exclusive(async () => void (await pg.exec(script))),
    close: () => exclusive(() => pg.close()).finally(unlock),
  }
}
