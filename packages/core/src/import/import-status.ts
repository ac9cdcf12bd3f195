/**
 * `GET /api/v1/import/jobs/:id`: where an import stands — status, rows done out of the total, rate and
 * time left, what was created, updated, left unchanged or refused, and each refused row with its line,
 * column and message in the reader's language. Only the user who started the import, or a tenant
 * administrator, sees it; any other id is a 404, whatever tenant it belongs to.
 * @module
 */
import { isUuid } from '../entity/validate'
import { NotFoundError } from '../errors'
import type { RequestContext } from '../records/context'
import { iso } from '../records/entity-model'
import { detectedFormats } from './start-import'
import { errorMessage, readErrors, type ShownError } from './import-errors'
import {
  emptyProgress,
  IMPORT_QUEUE,
  type ImportPayload,
  type ImportProgress,
  UNDO_QUEUE,
} from './import-job-data'

export interface ImportJobRow {
  id: string
  queue: string
  status: string
  payload: Omit<ImportPayload, 'file'> & { importId?: string }
  progress: ImportProgress & Record<string, any>
  result: Record<string, any> | null
  created_by: string | null
  created_at: string
  finished_at: string | null
}

/** The job, if it is an import (or an undo) the user may see. */
export async function loadImportJob(ctx: RequestContext, id: string, lock = false): Promise<ImportJobRow> {
  if (!isUuid(id)) throw new NotFoundError()
  const [row] = await ctx.tx.query<ImportJobRow>(
    `SELECT id, queue, status, payload - 'file' AS payload, progress, result, created_by, created_at, finished_at
     FROM core_job WHERE tenant_id = $1 AND id = $2 AND queue = ANY($3::text[])${lock ? ' FOR UPDATE' : ''}`,
    [ctx.tenant.id, id, [IMPORT_QUEUE, UNDO_QUEUE]],
  )
  if (!row || (row.created_by !== ctx.user.id && !ctx.user.isAdmin)) throw new NotFoundError()
  return row
}

/** Until when an import can be undone, or null when it cannot (dry run, still running, already undone). */
export function undoableUntil(job: ImportJobRow, undoDays: number): Date | null {
  if (job.queue !== IMPORT_QUEUE || job.payload.dryRun || job.result?.undo || !job.finished_at) return null
  if (job.status !== 'done' && job.status !== 'cancelled') return null
  return new Date(new Date(job.finished_at).getTime() + undoDays * 86_400_000)
}

function speed(p: ImportProgress, total: number, running: boolean) {
  if (!p.runStartedAt || !p.at) return { rate: null, secondsLeft: null }
  const seconds = (Date.parse(p.at) - Date.parse(p.runStartedAt)) / 1000
  const rows = p.done - (p.runStartDone ?? 0)
  const rate = seconds > 0 && rows > 0 ? Math.round(rows / seconds) : null
  return { rate, secondsLeft: running && rate ? Math.ceil(Math.max(total - p.done, 0) / rate) : null }
}

export async function importStatus(
  ctx: RequestContext,
  id: string,
  page: { offset: number; limit: number },
  undoDays: number,
) {
  const job = await loadImportJob(ctx, id)
  const p: ImportJobRow['progress'] = { ...emptyProgress(), ...job.progress }
  const total = p.finished ? p.done : Math.max(job.payload.total ?? 0, p.done)
  const errors = await readErrors(ctx.tx, ctx.tenant.id, p.errorFiles, page.offset, page.limit)
  const shown: ShownError[] = errors.map((e) => ({
    line: e.line,
    column: e.column,
    field: e.field,
    code: e.code,
    message: errorMessage(ctx.core.messages, ctx.locale, e),
  }))
  const base = {
    id: job.id,
    status: job.status,
    startedAt: iso(job.created_at),
    finishedAt: iso(job.finished_at),
    total,
    done: p.done,
    ...speed(p, total, job.status === 'running'),
  }
  if (job.queue === UNDO_QUEUE) {
    return {
      ...base,
      kind: 'undo',
      import: job.payload.importId,
      trashed: p.trashed ?? 0,
      restored: p.restored ?? 0,
      conflicts: p.conflicts ?? 0,
    }
  }
  const undo = job.result?.undo as
    | { id: string; trashed?: number; restored?: number; conflicts?: number }
    | undefined
  const until = undoableUntil(job, undoDays)
  return {
    ...base,
    kind: 'import',
    entity: job.payload.entity,
    mode: job.payload.mode,
    key: job.payload.key,
    dryRun: job.payload.dryRun,
    created: p.created,
    updated: p.updated,
    unchanged: p.unchanged,
    failed: p.failed,
    skipped: p.done - p.created - p.updated,
    createdLinked: p.parents,
    errorCount: p.errorCount,
    errors: shown,
    ...detectedFormats(job.payload),
    columns: job.payload.headers.map((column, i) => ({ column, field: job.payload.keys[i] })),
    ignoredColumns: job.payload.ignored,
    undo: undo ?? null,
    undoableUntil: until && until.getTime() > ctx.core.now().getTime() ? until.toISOString() : null,
  }
}
