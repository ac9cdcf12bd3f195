/**
 * A durable job queue in the database (`core_job`), claimed with `FOR UPDATE SKIP LOCKED`: jobs survive
 * restarts (a job left running by a dead worker is taken again once its lease expires) and failed jobs
 * retry with exponential back-off up to `maxAttempts`.
 * @module
 */
import { randomUUID } from 'node:crypto'
import type { Database, Queryable } from '../db/database'
import { uuidv7 } from '../db/uuid'

export interface Job {
  id: string
  tenantId: string
  queue: string
  payload: any
  attempts: number
  createdBy: string | null
}

export interface JobHelpers {
  /** Saves progress (visible through the API) and extends the lease. */
  progress(p: Record<string, unknown>): Promise<void>
  /** True once someone asked to cancel the job. */
  cancelled(): Promise<boolean>
}

export type JobHandler = (job: Job, helpers: JobHelpers) => Promise<unknown>

export interface EnqueueOptions {
  runAt?: Date
  maxAttempts?: number
  createdBy?: string | null
}

const LEASE_SECONDS = 120

export class JobQueue {
  private handlers = new Map<string, JobHandler>()
  private timer?: NodeJS.Timeout
  private stopped = true
  private active?: Promise<unknown>
  readonly workerId = randomUUID()
  constructor(
    private readonly db: Database,
    private readonly intervalMs = 1000,
  ) {}

  register(queue: string, handler: JobHandler): void {
    this.handlers.set(queue, handler)
  }

  /** Adds a job inside the caller's (tenant) transaction: it exists only if that transaction commits. */
  async enqueue(
    tx: Queryable,
    tenantId: string,
    queue: string,
    payload: unknown,
    o: EnqueueOptions = {},
  ): Promise<string> {
    const id = uuidv7()
    await tx.query(
      'INSERT INTO core_job (tenant_id, id, queue, payload, run_at, max_attempts, created_by) VALUES ($1, $2, $3, $4::text::jsonb, $5, $6, $7)',
      [
        tenantId,
        id,
        queue,
        JSON.stringify(payload ?? {}),
        (o.runAt ?? new Date()).toISOString(),
        o.maxAttempts ?? 5,
        o.createdBy ?? null,
      ],
    )
    return id
  }

  private async claim(): Promise<Job | null> {
    const queues = [...this.handlers.keys()]
    if (!queues.length) return null
    const rows = await this.db.system((tx) =>
      tx.query<any>(
        `UPDATE core_job j SET status = 'running', locked_at = now(), locked_by = $1, attempts = j.attempts + 1
         WHERE (j.tenant_id, j.id) = (
           SELECT tenant_id, id FROM core_job
           WHERE queue = ANY($2::text[]) AND run_at <= now()
             AND (status = 'queued' OR (status = 'running' AND locked_at < now() - make_interval(secs => ${LEASE_SECONDS})))
           ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING j.tenant_id, j.id, j.queue, j.payload, j.attempts, j.max_attempts, j.created_by`,
        [this.workerId, queues],
      ),
    )
    const r = rows[0]
    return r
      ? ({
          id: r.id,
          tenantId: r.tenant_id,
          queue: r.queue,
          payload: r.payload,
          attempts: r.attempts,
          createdBy: r.created_by,
          maxAttempts: r.max_attempts,
        } as Job)
      : null
  }

  private async runOne(job: Job & { maxAttempts?: number }): Promise<void> {
    const handler = this.handlers.get(job.queue)!
    const helpers: JobHelpers = {
      progress: (p) =>
        this.db
          .system((tx) =>
            tx.query(
              'UPDATE core_job SET progress = $3::text::jsonb, locked_at = now() WHERE tenant_id = $1 AND id = $2',
              [job.tenantId, job.id, JSON.stringify(p)],
            ),
          )
          .then(() => undefined),
      cancelled: async () => {
        const [r] = await this.db.system((tx) =>
          tx.query<{ status: string }>('SELECT status FROM core_job WHERE tenant_id = $1 AND id = $2', [
            job.tenantId,
            job.id,
          ]),
        )
        return r?.status === 'cancelled'
      },
    }
    try {
      const result = await handler(job, helpers)
      await this.db.system((tx) =>
        tx.query(
          `UPDATE core_job SET status = CASE WHEN status = 'cancelled' THEN 'cancelled' ELSE 'done' END, result = $3::text::jsonb, finished_at = now(), locked_by = NULL
           WHERE tenant_id = $1 AND id = $2`,
          [job.tenantId, job.id, JSON.stringify(result ?? null)],
        ),
      )
    } catch (e) {
      const msg = String((e as Error)?.message ?? e).slice(0, 2000)
      const last = job.attempts >= (job.maxAttempts ?? 5)
      await this.db.system((tx) =>
        tx.query(
          `UPDATE core_job SET status = $3, last_error = $4, locked_by = NULL,
             run_at = now() + make_interval(secs => $5::int), finished_at = CASE WHEN $3 = 'failed' THEN now() END
           WHERE tenant_id = $1 AND id = $2 AND status <> 'cancelled'`,
          [job.tenantId, job.id, last ? 'failed' : 'queued', msg, Math.min(2 ** job.attempts, 600)],
        ),
      )
    }
  }

  /** Runs due jobs until none is left; resolves with how many ran. */
  async runDue(): Promise<number> {
    let n = 0
    for (;;) {
      const job = await this.claim()
      if (!job) return n
      await this.runOne(job)
      n++
    }
  }

  start(): void {
    this.stopped = false
    const tick = async () => {
      if (this.stopped) return
      this.active = this.runDue().catch(() => 0)
      await this.active
      if (!this.stopped) this.timer = setTimeout(tick, this.intervalMs)
    }
    this.timer = setTimeout(tick, 0)
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    await this.active
  }
}
