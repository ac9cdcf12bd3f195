/**
 * The `core.import.undo` job: walks the import's history entries (found by the import id in their note,
 * from the import's start time on the history's time-ordered key) page by page, each page in one tenant
 * transaction that also saves where it stands — created records to the trash as one batch, updated ones
 * restored. Like the import, it resumes where it stopped and never does a page twice.
 * @module
 */
import { ConflictError } from '../errors'
import type { Job, JobHandler } from '../jobs/queue'
import type { Change } from '../history/history'
import type { RequestContext } from '../records/context'
import type { Core } from '../server/core'
import { restoreUpdated } from './undo-restore'
import { trashCreated } from './undo-trash'

export interface UndoPayload {
  importId: string
  entity: string
  batchId: string
  since: string
}

interface UndoProgress {
  cursor: string
  done: number
  trashed: number
  restored: number
  conflicts: number
  runStartedAt?: string
  runStartDone?: number
  at?: string
  finished?: boolean
}

const PAGE = 500
const CLOCK_MARGIN_MS = 10 * 60 * 1000

/** The smallest UUID v7 of a millisecond: history ids after it were made at or after that time. */
function uuidFloor(ms: number): string {
  const h = Math.max(ms, 0).toString(16).padStart(12, '0')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7000-8000-000000000000`
}

async function undoPage(
  ctx: RequestContext,
  job: Job,
  p: UndoPayload,
  progress: UndoProgress,
): Promise<UndoProgress | null> {
  const [j] = await ctx.tx.query<{ progress: Partial<UndoProgress> }>(
    'SELECT progress FROM core_job WHERE tenant_id = $1 AND id = $2 FOR UPDATE',
    [job.tenantId, job.id],
  )
  if ((j.progress.done ?? 0) !== progress.done)
    throw new ConflictError('import-moved-on', 'Another worker runs this undo')
  const rows = await ctx.tx.query<{
    id: string
    entity: string
    record_id: string
    action: string
    changes: Change[]
    note: any
  }>(
    `SELECT id, entity, record_id, action, changes, note FROM core_history
     WHERE tenant_id = $1 AND id > $2 AND note->>'import' = $3 AND action IN ('create', 'update') ORDER BY id LIMIT ${PAGE}`,
    [job.tenantId, progress.cursor, p.importId],
  )
  if (!rows.length) return null
  const note = { key: 'core:history.import-undo', undo: p.importId }
  const next = {
    ...progress,
    cursor: rows[rows.length - 1].id,
    done: progress.done + rows.length,
    at: new Date().toISOString(),
  }
  const created = new Map<string, string[]>()
  for (const r of rows)
    if (r.action === 'create') created.set(r.entity, [...(created.get(r.entity) ?? []), r.record_id])
  for (const [entity, ids] of created) {
    const t = await trashCreated(ctx, entity, ids, p.batchId, note)
    next.trashed += t.trashed
    next.conflicts += t.kept
  }
  for (const r of rows) {
    if (r.action !== 'update') continue
    const ok = await restoreUpdated(
      ctx,
      r.entity,
      { recordId: r.record_id, changes: r.changes, version: Number(r.note?.version) },
      note,
    )
    if (ok) next.restored++
    else next.conflicts++
  }
  await ctx.tx.query(
    'UPDATE core_job SET progress = $3::text::jsonb, locked_at = now() WHERE tenant_id = $1 AND id = $2',
    [job.tenantId, job.id, JSON.stringify(next)],
  )
  return next
}

export function undoJobHandler(core: Core): JobHandler {
  return async function undoImport(job) {
    const p = job.payload as UndoPayload
    const [row] = await core.db.tenant(job.tenantId, (tx) =>
      tx.query<{ progress: Partial<UndoProgress> }>(
        'SELECT progress FROM core_job WHERE tenant_id = $1 AND id = $2',
        [job.tenantId, job.id],
      ),
    )
    let progress: UndoProgress = {
      cursor: uuidFloor(Date.parse(p.since) - CLOCK_MARGIN_MS),
      done: 0,
      trashed: 0,
      restored: 0,
      conflicts: 0,
      ...row.progress,
    }
    progress = { ...progress, runStartedAt: new Date().toISOString(), runStartDone: progress.done }
    while (!progress.finished) {
      const next = await core.withTenant(job.tenantId, (ctx) => undoPage(ctx, job, p, progress), {
        userId: job.createdBy ?? undefined,
      })
      if (!next) break
      progress = next
    }
    const summary = { trashed: progress.trashed, restored: progress.restored, conflicts: progress.conflicts }
    await core.db.tenant(job.tenantId, async (tx) => {
      await tx.query('UPDATE core_job SET progress = $3::text::jsonb WHERE tenant_id = $1 AND id = $2', [
        job.tenantId,
        job.id,
        JSON.stringify({ ...progress, finished: true }),
      ])
      await tx.query(
        `UPDATE core_job SET result = coalesce(result, '{}'::jsonb) || jsonb_build_object('undo', $3::text::jsonb)
         WHERE tenant_id = $1 AND id = $2`,
        [job.tenantId, p.importId, JSON.stringify({ id: job.id, ...summary })],
      )
    })
    return summary
  }
}
