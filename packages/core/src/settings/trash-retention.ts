/**
 * How long the recycle bin keeps deleted records (`core_setting` key `trash`, 1–3650 days, 30 by
 * default), and the daily job that purges what is older — and the uploaded files no record refers to any
 * more: queue `core.trash-retention`, one job per tenant, each run queueing the next one a day later.
 * @module
 */
import { f } from '../entity/fields'
import { validateRecord } from '../entity/validate'
import { ValidationError } from '../errors'
import type { JobHandler } from '../jobs/queue'
import type { RequestContext } from '../records/context'
import type { Core } from '../server/core'
import { purgeExpired } from '../trash/trash-service'
import { purgeOrphanUploads } from '../files/uploads'
import { readSetting } from './setting-store'

export const TRASH_SETTING = 'trash'
export const RETENTION_QUEUE = 'core.trash-retention'
export const DEFAULT_RETENTION_DAYS = 30
const DAY = 86_400_000

const FIELDS = { retentionDays: f.integer({ required: true, min: 1, max: 3650 }) }

export interface TrashSettings {
  retentionDays: number
}

export async function readTrashSettings(ctx: RequestContext): Promise<TrashSettings> {
  const own = await readSetting<TrashSettings>(ctx, TRASH_SETTING)
  return { retentionDays: own?.retentionDays ?? DEFAULT_RETENTION_DAYS }
}

export function parseTrashSettings(body: Record<string, unknown>): TrashSettings {
  const r = validateRecord(FIELDS, body)
  if (r.errors.length) throw new ValidationError(r.errors)
  return { retentionDays: r.values.retentionDays as number }
}

/** Queues the tenant's next purge at `runAt` unless one is already waiting. */
export async function scheduleTrashRetention(ctx: RequestContext, runAt: Date): Promise<void> {
  const waiting = await ctx.tx.query(
    "SELECT 1 FROM core_job WHERE tenant_id = $1 AND queue = $2 AND status = 'queued' LIMIT 1",
    [ctx.tenant.id, RETENTION_QUEUE],
  )
  if (!waiting.length) await ctx.core.jobs.enqueue(ctx.tx, ctx.tenant.id, RETENTION_QUEUE, {}, { runAt })
}

/** The job: purges the tenant's expired trash and the uploads no record refers to, then queues tomorrow's run. */
export function trashRetentionJob(core: Core): JobHandler {
  return async function trashRetention(job) {
    return core.withTenant(job.tenantId, async (ctx) => {
      const { retentionDays } = await readTrashSettings(ctx)
      const purged = await purgeExpired(ctx, retentionDays)
      const orphanFiles = await purgeOrphanUploads(ctx, core.now())
      await scheduleTrashRetention(ctx, new Date(core.now().getTime() + DAY))
      return { purged, retentionDays, orphanFiles }
    })
  }
}
