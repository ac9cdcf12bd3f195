/**
 * Cancelling an import and asking for it to be undone. Cancelling waits for the batch being written (the
 * job row is locked by each batch), so what is imported is always whole batches; the stored file is
 * dropped at once. Undo is queued as its own job, for the user who ran the import or an administrator,
 * within the undo period.
 * @module
 */
import { ConflictError, NotFoundError } from '../errors'
import { uuidv7 } from '../db/uuid'
import type { RequestContext } from '../records/context'
import type { RecordsServiceImpl } from '../records/records-service'
import { deleteStoredFile, type StoredFile } from './file-store'
import { IMPORT_QUEUE, UNDO_QUEUE } from './import-job-data'
import { type ImportJobRow, loadImportJob, undoableUntil } from './import-status'

async function loadImport(ctx: RequestContext, id: string): Promise<ImportJobRow> {
  const job = await loadImportJob(ctx, id, true)
  if (job.queue !== IMPORT_QUEUE) throw new NotFoundError()
  return job
}

export async function cancelImport(ctx: RequestContext, id: string) {
  const job = await loadImport(ctx, id)
  if (job.status !== 'queued' && job.status !== 'running') {
    throw new ConflictError('import-finished', `Import ${id} is ${job.status}`, { status: job.status })
  }
  const [{ file }] = await ctx.tx.query<{ file: StoredFile }>(
    "SELECT payload->'file' AS file FROM core_job WHERE tenant_id = $1 AND id = $2",
    [ctx.tenant.id, id],
  )
  await deleteStoredFile(ctx.tx, ctx.tenant.id, file)
  await ctx.tx.query(
    "UPDATE core_job SET status = 'cancelled', finished_at = now() WHERE tenant_id = $1 AND id = $2",
    [ctx.tenant.id, id],
  )
  return { id, status: 'cancelled' }
}

export async function startUndo(ctx: RequestContext, id: string, undoDays: number) {
  const job = await loadImport(ctx, id)
  ;(ctx.records(job.payload.entity) as RecordsServiceImpl).assertGranted('import')
  const until = undoableUntil(job, undoDays)
  if (!until || until.getTime() < ctx.core.now().getTime()) {
    throw new ConflictError('import-not-undoable', `Import ${id} cannot be undone`)
  }
  const undoId = await ctx.core.jobs.enqueue(
    ctx.tx,
    ctx.tenant.id,
    UNDO_QUEUE,
    { importId: id, entity: job.payload.entity, batchId: uuidv7(), since: job.created_at },
    { createdBy: ctx.user.id },
  )
  await ctx.tx.query(
    `UPDATE core_job SET result = coalesce(result, '{}'::jsonb) || jsonb_build_object('undo', jsonb_build_object('id', $3::text))
     WHERE tenant_id = $1 AND id = $2`,
    [ctx.tenant.id, id, undoId],
  )
  return { id: undoId }
}
