/**
 * The outbox: events are written in the same transaction as the change they describe and delivered
 * after commit, at least once, to the subscribers of the plugins enabled for the event's tenant.
 * Failed deliveries retry with exponential back-off.
 * @module
 */
import { type Database, type Queryable, queueWrite } from '../db/database'
import type { OutboxEvent } from '../plugin/server-plugin'

export async function writeEvent(
  tx: Queryable,
  tenantId: string,
  event: string,
  payload: unknown,
  o: { delivered?: boolean } = {},
): Promise<void> {
  await queueWrite(
    tx,
    o.delivered
      ? 'INSERT INTO core_outbox (tenant_id, event, payload, delivered_at) VALUES ($1, $2, $3::text::jsonb, now())'
      : 'INSERT INTO core_outbox (tenant_id, event, payload) VALUES ($1, $2, $3::text::jsonb)',
    [tenantId, event, JSON.stringify(payload)],
  )
}

export interface OutboxDispatcherOptions {
  db: Database
  deliver: (event: OutboxEvent) => Promise<void>
  /** How often the loop looks for due events (retries) when nothing wakes it; 1 s by default. */
  intervalMs?: number
  /** How long a commit's wake-up waits for other commits' events, to deliver them together; 20 ms by default. */
  gatherMs?: number
  batch?: number
}

export interface OutboxDispatcher {
  /** Delivers what is due now; resolves with the number delivered. */
  drain(): Promise<number>
  start(): void
  stop(): Promise<void>
  /** Wakes the loop (called after a commit that wrote events). */
  poke(): void
}

type OutboxRow = { tenant_id: string; id: number; event: string; payload: any; attempts: number }

export function createOutboxDispatcher(o: OutboxDispatcherOptions): OutboxDispatcher {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<number> | undefined
  let stopped = true
  const due = `SELECT tenant_id, id, event, payload, attempts FROM core_outbox
         WHERE delivered_at IS NULL AND next_attempt_at <= now() ORDER BY id LIMIT ${o.batch ?? 100}`
  // Delivers batch after batch until none is due. A batch is marked delivered in the transaction that
  // reads the next one, in the same flight: a quiet pass costs two transactions, a busy one one per
  // batch. A crash between delivering and marking delivers those events again (at least once).
  const drainOnce = async (): Promise<number> => {
    let delivered = 0
    let rows = await o.db.system((tx) => tx.query<OutboxRow>(due))
    while (rows.length) {
      const done: OutboxRow[] = []
      for (const r of rows) {
        try {
          await o.deliver({ id: r.id, tenantId: r.tenant_id, event: r.event, payload: r.payload })
          done.push(r)
        } catch (e) {
          const wait = Math.min(2 ** r.attempts, 3600)
          await o.db.system((tx) =>
            tx.query(
              `UPDATE core_outbox SET attempts = attempts + 1, last_error = $3, next_attempt_at = now() + make_interval(secs => $4::int) WHERE tenant_id = $1 AND id = $2`,
              [r.tenant_id, r.id, String((e as Error)?.message ?? e).slice(0, 2000), wait],
            ),
          )
        }
      }
      delivered += done.length
      rows = await o.db.system(async (tx) => {
        const [, next] = await Promise.all([
          done.length
            ? tx.query(
                `UPDATE core_outbox SET delivered_at = now(), attempts = attempts + 1
                 WHERE (tenant_id, id) IN (SELECT * FROM unnest($1::uuid[], $2::bigint[]))`,
                [done.map((r) => r.tenant_id), done.map((r) => r.id)],
              )
            : undefined,
          tx.query<OutboxRow>(due),
        ])
        return next
      })
    }
    return delivered
  }
  const drain = async () => {
    while (running) await running.catch(() => 0)
    running = drainOnce()
    try {
      return await running
    } finally {
      running = undefined
    }
  }
  // One loop at a time: a poke during a pass asks that pass for one more round instead of starting a
  // second loop, which would keep its own timer going forever and pile up behind the first.
  // A commit wakes the loop within `gatherMs`, not at once: the events of the commits of that window go
  // out in one pass, so a burst of writes costs the database one pass instead of one per write.
  let looping = false
  let again = false
  let dueAt = 0
  const gather = o.gatherMs ?? 20
  const schedule = (ms: number) => {
    if (timer) clearTimeout(timer)
    dueAt = Date.now() + ms
    timer = setTimeout(loop, ms)
  }
  /** Runs a pass within `ms`, unless one is already due sooner. */
  const wake = (ms: number) => {
    if (!timer || dueAt > Date.now() + ms) schedule(ms)
  }
  const loop = async () => {
    timer = undefined
    if (stopped) return
    looping = true
    again = false
    try {
      await drain()
    } catch {
      // The database may be restarting; the next tick retries.
    } finally {
      looping = false
    }
    if (!stopped) schedule(again ? gather : (o.intervalMs ?? 1000))
  }
  return {
    drain,
    start() {
      stopped = false
      if (!looping) schedule(0)
    },
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      timer = undefined
      if (running) await running.catch(() => 0)
    },
    poke() {
      if (stopped) return
      if (looping) again = true
      else wake(gather)
    },
  }
}
