/**
 * The `core.import` job: reads the stored file as a stream and imports it batch after batch, each batch in
 * its own tenant transaction that also saves the job's progress. A crash or a cancel therefore never
 * leaves half a batch, and a resumed run skips exactly the rows already settled (no duplicates). The job
 * row is locked by each batch, which also fences out a second worker that took over a stale lease. While
 * one batch writes, the next one's rows are read, matched and validated in its own transaction (linked
 * records it names that the batch before created are known to it before they are committed); it then
 * waits for that batch to commit before it checks its rows against the table and writes them, so batches
 * commit in the file's order. A dry run does all the same work, one batch after the other, inside a
 * savepoint that is rolled back: only progress and errors remain.
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

/** Ends a batch's transaction without keeping anything: the import was cancelled, or the batch before failed. */
class BatchAbandoned extends Error {}

/** What a batch is told by the one before it, and tells the one after. */
interface BatchLink {
  /** The progress once the batch before has committed; null: it found the import cancelled. */
  previous: Promise<ImportProgress | null>
  /** Called once this batch's rows are read and validated (or it failed before). */
  prepared(): void
  /** The `pendingKey` of the linked records this batch creates. */
  createdParents: string[]
}

/**
 * The progress the batch starts from, once the batch before has committed, with the job row locked:
 * null when the import is cancelled.
 */
async function takeTurn(ctx: RequestContext, job: Job, link: BatchLink): Promise<ImportProgress | null> {
  const progress = await link.previous
  if (!progress) return null
  const [j] = await ctx.tx.query<{ status: string; progress: ImportProgress }>(
    'SELECT status, progress FROM core_job WHERE tenant_id = $1 AND id = $2 FOR UPDATE',
    [job.tenantId, job.id],
  )
  if (j.status === 'cancelled') return null
  if ((j.progress.done ?? 0) !== progress.done)
    throw new ConflictError('import-moved-on', 'Another worker runs this import')
  return progress
}

/**
 * One batch in its transaction. Its rows are read, matched and validated (linked records created) while
 * the batch before is still writing; then it waits for that one to commit, takes the job row and checks
 * that the progress is where it expects, and only then checks its rows against the table and writes
 * them. A dry run does it all in a savepoint that is rolled back, one batch after the other.
 */
async function batchInTransaction(
  ctx: RequestContext,
  run: RunState,
  job: Job,
  rows: CsvRecord[],
  link: BatchLink,
): Promise<ImportProgress | null> {
  let progress: ImportProgress | null = null
  let outcome!: BatchOutcome
  if (run.payload.dryRun) {
    link.prepared()
    progress = await takeTurn(ctx, job, link)
    if (!progress) return null
    await ctx.tx
      .savepoint(async () => {
        outcome = await importBatch(ctx, run, rows)
        throw new DryRunRollback()
      })
      .catch((e) => {
        if (!(e instanceof DryRunRollback)) throw e
      })
  } else {
    try {
      outcome = await importBatch(ctx, run, rows, {
        createdParents: link.createdParents,
        async beforeWrite() {
          link.prepared()
          progress = await takeTurn(ctx, job, link)
          // Linked records this batch created are rolled back with it.
          if (!progress) throw new BatchAbandoned()
        },
      })
    } finally {
      link.prepared()
    }
  }
  const next = advance(progress!, rows.length, outcome)
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
    pendingParents: new Map(),
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
  /**
   * Two batches at most are under way: the one writing, and the next one, whose rows are read and
   * validated meanwhile (the database and Node each working while the other does). Batches prepare one
   * after the other and commit in order; each one's transaction waits for the one before.
   */
  let lastPrepared: Promise<void> = Promise.resolve()
  let lastDone: Promise<ImportProgress | null> = Promise.resolve(progress)
  let stopped = false
  const launch = (rows: CsvRecord[]) => {
    const before = { prepared: lastPrepared, done: lastDone }
    let prepared!: () => void
    lastPrepared = new Promise<void>((r) => (prepared = r))
    const createdParents: string[] = []
    const done = before.prepared.then(() =>
      core
        .withTenant(
          job.tenantId,
          (ctx) =>
            batchInTransaction(ctx, run, job, rows, { previous: before.done, prepared, createdParents }),
          { userId: job.createdBy ?? undefined },
        )
        .catch((e) => {
          if (e instanceof BatchAbandoned) return null
          throw e
        })
        .finally(() => {
          prepared()
          // Committed (the database shows them now) or rolled back: either way no longer pending.
          for (const k of createdParents) run.pendingParents.delete(k)
        }),
    )
    // Reported by whoever awaits it: the loop, or the batch after it.
    done.catch(() => {})
    lastDone = done
    return before.done
  }
  /** Waits for the batch before the last one launched; false once the import is cancelled. */
  const settle = async (before: Promise<ImportProgress | null>) => {
    let next: ImportProgress | null
    try {
      next = await before
    } catch (e) {
      await lastDone.catch(() => {})
      throw e
    }
    if (next) progress = next
    else stopped = true
    return !stopped
  }
  let skip = progress.done
  let batch: CsvRecord[] = []
  for await (const rec of dataRows(core, job, payload)) {
    if (skip > 0) {
      // Rows settled by an earlier run: only their identities are needed, to keep finding duplicates.
      skip--
      claimIdentities(await identityOf(), run.duplicates, rec)
      continue
    }
    batch.push(rec)
    if (batch.length < o.batchSize) continue
    const before = launch(batch)
    batch = []
    // A dry run's batches run one after the other: each waits for itself.
    if (!(await settle(payload.dryRun ? lastDone : before))) break
  }
  if (!stopped && batch.length) launch(batch)
  if (!stopped) await settle(lastDone)
  else await lastDone.catch(() => {})
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
