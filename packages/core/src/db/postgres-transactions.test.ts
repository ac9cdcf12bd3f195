/**
 * Transactions on the PostgreSQL pool: `BEGIN` goes out with the first statements, a transaction that only
 * read answers before its `COMMIT` is done, and connections killed in the middle never let a statement of
 * one transaction run in another's, nor an answer reach the wrong statement. PostgreSQL only (`COMPTOIR_TEST_DATABASE_URL`).
 */
import { createServer, type Server, Socket } from 'node:net'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPostgresDatabase, reconnectDelay } from './postgres'

const url = process.env.COMPTOIR_TEST_DATABASE_URL
const dbName = `comptoir_tx_${process.pid}`

/** A loopback relay to PostgreSQL that can cut its client connections with a TCP reset. */
async function resettingProxy(target: string) {
  const t = new URL(target)
  const clients = new Set<Socket>()
  const server: Server = createServer((client) => {
    clients.add(client)
    const upstream = new Socket()
    upstream.connect(Number(t.port || 5432), t.hostname)
    client.pipe(upstream)
    upstream.pipe(client)
    const drop = () => {
      clients.delete(client)
      upstream.destroy()
      client.destroy()
    }
    client.on('error', drop).on('close', drop)
    upstream.on('error', drop).on('close', drop)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const u = new URL(target)
  u.hostname = '127.0.0.1'
  u.port = String((server.address() as { port: number }).port)
  return {
    url: u.toString(),
    /** The client side sees ECONNRESET: an error first, the socket's close only a turn of the loop later. */
    reset: () => {
      for (const c of clients) c.resetAndDestroy()
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}

/** Fails instead of hanging: a statement whose answer went to another one never settles. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)),
  ])
}

describe.skipIf(!url)('PostgreSQL transactions', () => {
  let admin: postgres.Sql
  let target: string
  beforeAll(async () => {
    admin = postgres(url!, { max: 1, onnotice: () => {} })
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName}`)
    await admin.unsafe(`CREATE DATABASE ${dbName}`)
    const u = new URL(url!)
    u.pathname = `/${dbName}`
    target = u.toString()
    const setup = postgres(target, { max: 1, onnotice: () => {} })
    await setup.unsafe('CREATE TABLE note (id serial PRIMARY KEY, tx text NOT NULL)')
    await setup.end()
  })
  afterAll(async () => {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    await admin.end()
  })

  it('a read-only transaction leaves nothing behind on its connection, and a write is visible at once', async () => {
    const db = createPostgresDatabase({ url: target, max: 1 })
    try {
      for (let i = 0; i < 50; i++) {
        const mark = `read-${i}`
        const seen = await db.system(async (tx) => {
          await tx.query(`SELECT set_config('app.mark', $1, true)`, [mark])
          return (await tx.query<{ m: string }>(`SELECT current_setting('app.mark', true) AS m`))[0].m
        })
        expect(seen).toBe(mark)
        // The same single connection, right after: the transaction is over, its setting gone.
        const [after] = await db.read<{ m: string | null; open: boolean }>(
          `SELECT nullif(current_setting('app.mark', true), '') AS m, now() <> statement_timestamp() AS open`,
        )
        expect(after).toEqual({ m: null, open: false })
      }
      // A transaction that wrote is committed before it answers: another connection sees the row.
      const other = createPostgresDatabase({ url: target, max: 1 })
      try {
        for (let i = 0; i < 20; i++) {
          await db.system((tx) => tx.query('INSERT INTO note (tx) VALUES ($1)', [`write-${i}`]))
          const [row] = await other.read<{ n: number }>('SELECT count(*)::int AS n FROM note WHERE tx = $1', [
            `write-${i}`,
          ])
          expect(row.n).toBe(1)
        }
      } finally {
        await other.close()
      }
    } finally {
      await db.close()
    }
  })

  it('a connection reset mid-statement: the rollback is not queued on the dead socket, and the next answers are right', async () => {
    const proxy = await resettingProxy(target)
    const db = createPostgresDatabase({ url: proxy.url, max: 1 })
    try {
      for (let round = 0; round < 5; round++) {
        expect(await within(db.read<{ n: number }>('SELECT $1::int AS n', [round]), 5000, 'warm-up')).toEqual(
          [{ n: round }],
        )
        // The statement fails on ECONNRESET; the transaction then sends ROLLBACK before the socket's close.
        const tx = db.system(async (tx) => {
          await tx.query('SELECT 1')
          setTimeout(proxy.reset, 30)
          await tx.query('SELECT pg_sleep(1)')
        })
        await expect(within(tx, 5000, 'the cut transaction')).rejects.toThrow(/CONNECTION|ECONNRESET/)
        // One connection: every answer after the reconnection belongs to its own statement.
        for (let i = 0; i < 10; i++)
          expect(await within(db.read<{ n: number }>('SELECT $1::int AS n', [i]), 5000, `read ${i}`)).toEqual(
            [{ n: i }],
          )
        expect(
          await within(
            db.system((tx) => tx.query<{ n: number }>('SELECT 7 AS n')),
            5000,
            'a transaction after',
          ),
        ).toEqual([{ n: 7 }])
      }
    } finally {
      await db.close()
      await proxy.close()
    }
  })

  it('reconnections are retried within a second, however many were lost before', () => {
    for (const n of [0, 1, 3, 10, 50]) {
      const d = reconnectDelay(n)
      expect(d).toBeGreaterThan(0)
      expect(d).toBeLessThanOrEqual(1)
    }
    expect(reconnectDelay(0)).toBeLessThanOrEqual(0.05)
  })

  it('connections killed mid-transaction: every transaction settles, and no statement runs in another transaction', async () => {
    const db = createPostgresDatabase({ url: target, max: 4 })
    let stop = false
    let committed = 0
    let failed = 0
    const leaks: string[] = []
    const worker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const mark = `${w}-${i}`
        try {
          await db.system(async (tx) => {
            await tx.query(`SELECT set_config('app.mark', $1, true)`, [mark])
            await tx.query('SELECT pg_sleep(0.002)')
            const [{ m }] = await tx.query<{ m: string }>(`SELECT current_setting('app.mark', true) AS m`)
            if (m !== mark) leaks.push(`${mark} saw ${m}`)
            if (i % 2) await tx.query('INSERT INTO note (tx) VALUES ($1)', [mark])
          })
          committed++
        } catch {
          failed++
        }
      }
    }
    const running = Promise.all(Array.from({ length: 12 }, (_, w) => worker(w)))
    for (let round = 0; round < 6; round++) {
      await new Promise((r) => setTimeout(r, 250))
      await admin`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ${dbName}`
    }
    await new Promise((r) => setTimeout(r, 250))
    stop = true
    // Every transaction settles: a lost statement would hang its worker for ever.
    const settled = await Promise.race([
      running.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 20_000)),
    ])
    expect(settled).toBe(true)
    expect(leaks).toEqual([])
    expect(failed).toBeGreaterThan(0)
    expect(committed).toBeGreaterThan(failed)
    // The pool works again afterwards.
    expect(await db.read<{ x: number }>('SELECT 1 AS x')).toEqual([{ x: 1 }])
    await db.close()
  }, 60_000)
})
