/**
 * One batch of rows (about a thousand), inside one tenant transaction as the importing user: rights,
 * duplicates within the file, matching on the key, conversion, lookups, the records engine's validation,
 * the checks against the database, then the multi-row writes. A refused row is reported with its line,
 * column and message and the others go on; anything unexpected fails the batch as a whole.
 * @module
 */
import type { Row } from '../db/database'
import type { Locale, Messages } from '../plugin/define-plugin'
import type { RequestContext } from '../records/context'
import type { EntityModel } from '../records/entity-model'
import type { RecordsServiceImpl } from '../records/records-service'
import { changes, emitImported, writeCreates, writeUpdates } from './batch-writes'
import { checkBatch } from './batch-integrity'
import { csvColumns } from './csv-columns'
import type { CsvRecord } from './csv-parser'
import { HookRunner } from './hook-runner'
import type { ImportPayload, RowError } from './import-job-data'
import { createMissing, pendingKey, resolveLookups } from './lookups'
import { decide, findByKey, type MatchOutcome } from './match-existing'
import type { Fail, PendingWrite } from './pending-write'
import { type BuiltRow, type PlannedColumn, RowBuilder } from './row-builder'
import { type DuplicateIndex, RowIdentity } from './row-identity'
import { inputErrors, validateRow } from './row-validation'

/** What lives across the batches of one run of an import job. */
export interface RunState {
  jobId: string
  payload: ImportPayload
  duplicates: DuplicateIndex
  lookupCache: Map<string, string>
  /** Linked records created (or that a dry run would create), by `pendingKey` (target and name). */
  parents: Set<string>
  /** Linked records created by batches whose transaction has not committed yet (`pendingKey` → id). */
  pendingParents: Map<string, string>
}

export interface BatchHooks {
  /**
   * Runs once the rows are validated, before the checks against the table and the writes: where the
   * job waits for the batch before this one to commit, so that those checks see its rows.
   */
  beforeWrite?(): Promise<void>
  /** Collects the `pendingKey` of each linked record this batch creates. */
  createdParents?: string[]
}

export interface BatchOutcome {
  created: number
  updated: number
  unchanged: number
  failed: number
  parents: number
  errors: RowError[]
}

/** The file's columns that fill a field the user may write, by position. */
export function planColumns(
  model: EntityModel,
  payload: ImportPayload,
  messages: Record<Locale, Messages>,
): PlannedColumn[] {
  const byKey = new Map(csvColumns(model, messages).map((c) => [c.key, c]))
  const out: PlannedColumn[] = []
  payload.keys.forEach((key, index) => {
    const column = key ? byKey.get(key) : undefined
    if (column && column.kind !== 'meta') out.push({ index, header: payload.headers[index], column })
  })
  return out
}

function assertRights(svc: RecordsServiceImpl, mode: ImportPayload['mode']) {
  svc.assertGranted('import')
  if (mode !== 'update') svc.assertGranted('create')
  if (mode !== 'create') svc.assertGranted('update')
}

/** Registers the row's identities; returns the duplicate error if one was already in the file. */
export function claimIdentities(
  identity: RowIdentity,
  dups: DuplicateIndex,
  rec: CsvRecord,
): RowError | null {
  let error: RowError | null = null
  for (const id of identity.identities(rec.cells)) {
    const prev = dups.claim(id, rec.line)
    if (prev !== undefined && !error) {
      error = {
        line: rec.line,
        column: id.header,
        field: id.field,
        code: 'import_duplicate',
        params: { line: prev },
      }
    }
  }
  return error
}

export async function importBatch(
  ctx: RequestContext,
  run: RunState,
  records: CsvRecord[],
  o: BatchHooks = {},
): Promise<BatchOutcome> {
  const { payload } = run
  const svc = ctx.records(payload.entity) as RecordsServiceImpl
  assertRights(svc, payload.mode)
  const model = await svc.model()
  const planned = planColumns(model, payload, ctx.core.messages)
  const identity = new RowIdentity(planned, payload.key, payload.format, model.entity.importKeys)
  const builder = new RowBuilder(model, planned, payload.format, ctx.core.messages)
  const hooks = new HookRunner(ctx, model.ref)
  const errors: RowError[] = []
  const headerFor = (path: string, params?: Record<string, unknown>) => {
    const c =
      (params?.part ? planned.find((p) => p.column.key === `${path}.${params.part}`) : undefined) ??
      planned.find((p) => p.column.key === path) ??
      planned.find((p) => p.column.field?.name === path) ??
      (path === 'owner' ? planned.find((p) => p.column.kind === 'ownerId') : undefined)
    return c?.header ?? ''
  }
  const rowError = (
    line: number,
    path: string,
    code: string,
    params?: Record<string, unknown>,
  ): RowError => ({
    line,
    column: headerFor(path, params),
    field: path,
    code,
    ...(params ? { params } : {}),
  })
  const fail: Fail = (w, path, code, params) => {
    w.failed = true
    errors.push(rowError(w.row.line, path, code, params))
  }

  const outcomes = new Map<CsvRecord, MatchOutcome>()
  const keys = new Map<CsvRecord, string | null>()
  for (const rec of records) {
    const dup = claimIdentities(identity, run.duplicates, rec)
    const key = identity.matchKey(rec.cells)
    const refused = dup ?? ('error' in key ? rowError(rec.line, payload.key ?? '', key.error) : null)
    if (refused) {
      outcomes.set(rec, { op: 'error', code: refused.code })
      errors.push(refused)
    } else if ('value' in key) keys.set(rec, key.value)
  }
  if (payload.mode === 'create') for (const rec of keys.keys()) outcomes.set(rec, { op: 'create' })
  else {
    const values = [...new Set([...keys.values()].filter((v): v is string => v !== null))]
    const found = await findByKey(ctx, model, payload.key!, values)
    for (const [rec, value] of keys) {
      const o = decide(ctx, model, payload.mode, payload.key!, value, found)
      outcomes.set(rec, o)
      if (o.op === 'error') errors.push(rowError(rec.line, payload.key!, o.code))
    }
  }

  const built: { row: BuiltRow; current?: Row }[] = []
  for (const rec of records) {
    const o = outcomes.get(rec)!
    if (o.op === 'error') continue
    const current = o.op === 'update' ? o.row : undefined
    built.push({
      row: builder.build(rec.line, rec.cells, o.op, current ? model.toJson(current) : undefined),
      current,
    })
  }
  await resolveLookups(
    ctx,
    built.map((b) => b.row),
    { createMissing: payload.createMissing, cache: run.lookupCache, pending: run.pendingParents },
  )
  // A missing linked record is created only for a row that is otherwise valid.
  const needParents: BuiltRow[] = []
  for (const { row, current } of built) {
    if (!row.missing.length || row.errors.length) continue
    const found = inputErrors(ctx, model, row, current)
    for (const fe of found) row.errors.push(rowError(row.line, fe.path, fe.code, fe.params))
    if (!found.length) needParents.push(row)
  }
  let parents = 0
  await createMissing(ctx, needParents, {
    note: { key: 'core:history.import', import: run.jobId },
    onCreated(target, value, id) {
      const k = pendingKey(target, value)
      if (!run.parents.has(k)) parents++
      run.parents.add(k)
      if (o.createdParents) {
        run.pendingParents.set(k, id)
        o.createdParents.push(k)
      }
    },
  })

  const writes: PendingWrite[] = []
  for (const { row, current } of built) {
    if (row.errors.length) {
      errors.push(...row.errors)
      const stub = { row } as PendingWrite
      for (const fe of inputErrors(ctx, model, row, current)) fail(stub, fe.path, fe.code, fe.params)
      continue
    }
    const w = await validateRow(ctx, model, row, current, hooks, fail)
    if (w) writes.push(w)
  }
  await o.beforeWrite?.()
  await checkBatch(ctx, model, writes, fail)
  const ok = writes.filter((w) => !w.failed)
  const creates = ok.filter((w) => w.op === 'create')
  const updates = ok.filter((w) => w.op === 'update' && changes(w))
  const note = { key: 'core:history.import', import: run.jobId }
  const created = await writeCreates(ctx, model, creates, hooks, note)
  const updated = await writeUpdates(ctx, model, updates, hooks, note)
  await emitImported(ctx, model, note, { created, updated })
  const failedLines = new Set(errors.map((e) => e.line))
  return {
    created: creates.length,
    updated: updates.length,
    unchanged: ok.length - creates.length - updates.length,
    failed: failedLines.size,
    parents,
    errors: errors.sort((a, b) => a.line - b.line),
  }
}
