/**
 * The `core.import` job: reads the stored file as a stream and imports it batch after batch, each batch in
 * its own tenant transaction that also saves the job's progress. A crash or a cancel therefore never
 * leaves half a batch, and a resumed run skips exactly the rows already settled (no duplicates). The job
 * row is locked by each batch, which also fences out a second worker that took over a stale lease. A dry
 * run does all the same work inside a savepoint that is rolled back: only progress and errors remain.
 * @module
 */
import type { Job, JobHandler } from '../jobs/queue'
import { ConflictError } from '../errors'
import type { RequestContext } from '../records/context'
import type { Core } from '../server/core'
import { type CsvRecord, isBlank } from './csv-parser'
import { chunkReader, deleteStoredFile, readStoredFile } from './file-store'
import { type BatchOutcome, claimIdentities, importBatch, planColumns, type RunState } from './import-batch'
import { storeErrors } from './import-errors'
import { emptyProgress, type ImportPayload, type ImportProgress } from './import-job-data'
import { readRecords } from './read-records'
import { DuplicateIndex, RowIdentity } from './row-identity'
import type { RecordsServiceImpl } from '../records/records-service'

export interface ImportJobOptions {
  /** Rows per batch (and per multi-row INSERT). */
  batchSize: number
}

class DryRunRollback extends Error {}

async function readJob(core: Core, job: Job): Promise<{ status: string; progress: ImportProgress }> {
  const [row] = await core.db.tenant(job.tenantId, (tx) =>
    tx.query<{ status: string; progress: ImportProgress }>(
      'SELECT status, progress FROM core_job WHERE tenant_id = $1 AND id = $2',
      [job.tenantId, job.id],
    ),
  )
  return { status: row.status, progress: { ...emptyProgress(), ...row.progress } }
}

async function finish(core: Core, job: Job, payload: ImportPayload, progress: ImportProgress) {
  await core.db.tenant(job.tenantId, async (tx) => {
    await deleteStoredFile(tx, job.tenantId, payload.file)
    await tx.query('UPDATE core_job SET progress = $3::text::jsonb WHERE tenant_id = $1 AND id = $2', [
      job.tenantId,
      job.id,
      JSON.stringify({ ...progress, finished: true }),
    ])
  })
  const { errorFiles: _e, ...summary } = progress
  return { ...summary, total: progress.done, dryRun: payload.dryRun }
}

function advance(p: ImportProgress, rows: number, o: BatchOutcome): ImportProgress {
  return {
    ...p,
    done: p.done + rows,
    batches: p.batches + 1,
    created: p.created + o.created,
    updated: p.updated + o.updated,
    unchanged: p.unchanged + o.unchanged,
    failed: p.failed + o.failed,
    parents: p.parents + o.parents,
    errorCount: p.errorCount + o.errors.length,
    at: new Date().toISOString(),
  }
}

/** Rows of the file after its header, blank rows left out. */
async function* dataRows(core: Core, job: Job, payload: ImportPayload): AsyncGenerator<CsvRecord> {
  let header = true
  for await (const rec of readRecords(
    readStoredFile(payload.file, chunkReader(core, job.tenantId)),
    payload.encoding,
    payload.delimiter,
  )) {
    if (isBlank(rec.cells)) continue
    if (header) header = false
    else yield rec
  }
}

async function batchInTransaction(
  ctx: RequestContext,
  run: RunState,
  job: Job,
  progress: ImportProgress,
  rows: CsvRecord[],
) {
  const [j] = await ctx.tx.query<{ status: string; progress: ImportProgress }>(
    'SELECT status, progress FROM core_job WHERE tenant_id = $1 AND id = $2 FOR UPDATE',
    [job.tenantId, job.id],
  )
  if (j.status === 'cancelled') return null
  if ((j.progress.done ?? 0) !== progress.done)
    throw new ConflictError('import-moved-on', 'Another worker runs this import')
  let outcome!: BatchOutcome
  if (run.payload.dryRun) {
    await ctx.tx
      .savepoint(async () => {
        outcome = await importBatch(ctx, run, rows)
        throw new DryRunRollback()
      })
      .catch((e) => {
        if (!(e instanceof DryRunRollback)) throw e
      })
  } else outcome = await importBatch(ctx, run, rows)
  const next = advance(progress, rows.length, outcome)
  if (outcome.errors.length)
    next.errorFiles = [...next.errorFiles, await storeErrors(ctx, job.id, next.batches, outcome.errors)]
  await ctx.tx.query(
    'UPDATE core_job SET progress = $3::text::jsonb, locked_at = now() WHERE tenant_id = $1 AND id = $2',
    [job.tenantId, job.id, JSON.stringify(next)],
  )
  return next
}

async function runImport(core: Core, job: Job, o: ImportJobOptions) {
  const payload = job.payload as ImportPayload
  let { status, progress } = await readJob(core, job)
  if (status === 'cancelled' || progress.finished) return finish(core, job, payload, progress)
  const run: RunState = {
    jobId: job.id,
    payload,
    duplicates: new DuplicateIndex(),
    lookupCache: new Map(),
    parents: new Set(),
  }
  progress = { ...progress, runStartedAt: new Date().toISOString(), runStartDone: progress.done }
  let identity: RowIdentity | undefined
  const identityOf = async () => {
    identity ??= await core.withTenant(
      job.tenantId,
      async (ctx) => {
        const model = await (ctx.records(payload.entity) as RecordsServiceImpl).model()
        return new RowIdentity(
          planColumns(model, payload, core.messages),
          payload.key,
          payload.format,
          model.entity.importKeys,
        )
      },
      { userId: job.createdBy ?? undefined },
    )
    return identity
  }
  let skip = progress.done
  let batch: CsvRecord[] = []
  const flush = async () => {
    const next = await core.withTenant(
      job.tenantId,
      (ctx) => batchInTransaction(ctx, run, job, progress, batch),
      {
        userId: job.createdBy ?? undefined,
      },
    )
    batch = []
    if (!next) return false
    progress = next
    return true
  }
  for await (const rec of dataRows(core, job, payload)) {
    if (skip > 0) {
      // Rows settled by an earlier run: only their identities are needed, to keep finding duplicates.
      skip--
      claimIdentities(await identityOf(), run.duplicates, rec)
      continue
    }
    batch.push(rec)
    if (batch.length >= o.batchSize && !(await flush())) return finish(core, job, payload, progress)
  }
  if (batch.length && !(await flush())) return finish(core, job, payload, progress)
  return finish(core, job, payload, progress)
}

export function importJobHandler(core: Core, o: ImportJobOptions): JobHandler {
  return async function importJob(job) {
    try {
      return await runImport(core, job, o)
    } catch (e) {
      // After the last attempt the job is failed for good: its stored file is of no more use.
      const { maxAttempts = 5 } = job as Job & { maxAttempts?: number }
      if (job.attempts >= maxAttempts) {
        await core.db.tenant(job.tenantId, (tx) =>
          deleteStoredFile(tx, job.tenantId, (job.payload as ImportPayload).file),
        )
      }
      throw e
    }
  }
}
