/**
 * Writing a batch's checked rows: one multi-row INSERT for the new records and one multi-row UPDATE for
 * the changed ones (rows that change nothing are not touched, so their version stays), then, as the
 * records engine does for each record, the history entry, the `after*` hooks and the outbox event.
 * @module
 */
import type { RecordData } from '../entity/define-entity'
import { diffRecords } from '../history/history'
import type { RequestContext } from '../records/context'
import type { EntityModel } from '../records/entity-model'
import { fillTitles } from '../records/titles'
import { insertRows, updateRows } from './bulk-sql'
import type { HookRunner } from './hook-runner'
import { allocateNumbers } from './number-range'
import type { PendingWrite } from './pending-write'
import { emitEvents, type HistoryRow, writeHistoryRows } from './record-trail'

export interface WriteNote {
  import: string
  key: string
}

function note(n: WriteNote, w: PendingWrite, extra: Record<string, unknown> = {}) {
  return { key: n.key, import: n.import, line: w.row.line, ...extra }
}

export async function writeCreates(
  ctx: RequestContext,
  model: EntityModel,
  writes: PendingWrite[],
  hooks: HookRunner,
  n: WriteNote,
): Promise<void> {
  if (!writes.length) return
  const num = model.entity.numbering
  if (num) {
    const missing = writes.filter((w) => w.values[num.field] === null || w.values[num.field] === undefined)
    const numbers = await allocateNumbers(ctx, model.ref, num, missing.length)
    missing.forEach((w, i) => {
      w.values[num.field] = numbers[i]
    })
  }
  const rows = writes.map((w) => ({
    tenant_id: ctx.tenant.id,
    id: w.id,
    owner_id: w.ownerId,
    created_by: ctx.user.id,
    updated_by: ctx.user.id,
    custom: w.custom,
    ...model.toColumns(w.values),
  }))
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))]
  const inserted = await insertRows(ctx.tx, model.entity.table, columns, rows, model.selectList())
  const after = inserted.map((r) => model.toJson(r))
  await fillTitles(ctx, model, after)
  const byId = new Map(writes.map((w) => [w.id, w]))
  await writeHistoryRows(
    ctx,
    after.map((a) => ({
      entity: model.ref,
      recordId: a.id,
      action: 'create',
      changes: diffRecords(model, undefined, a),
      note: note(n, byId.get(a.id)!),
    })),
  )
  if (hooks.has('afterCreate')) for (const a of after) await hooks.run('afterCreate', { data: a, id: a.id })
  await emitEvents(
    ctx,
    after.map((a) => ({ event: `${model.ref}.created`, payload: { entity: model.ref, id: a.id, after: a } })),
  )
}

/** Whether an update row changes anything at all. */
export function changes(w: PendingWrite): boolean {
  return Object.keys(w.values).length > 0 || w.customChanged || w.ownerId !== null
}

export async function writeUpdates(
  ctx: RequestContext,
  model: EntityModel,
  writes: PendingWrite[],
  hooks: HookRunner,
  n: WriteNote,
): Promise<void> {
  if (!writes.length) return
  const changed = writes.map((w) => model.toColumns(w.values))
  const columns = [...new Set(changed.flatMap((c) => Object.keys(c)))]
  if (writes.some((w) => w.customChanged)) columns.push('custom')
  if (writes.some((w) => w.ownerId !== null)) columns.push('owner_id')
  columns.push('updated_by')
  const rows = writes.map((w, i) => {
    const r: Record<string, unknown> = { id: w.id }
    for (const c of columns) r[c] = c in changed[i] ? changed[i][c] : w.current![c]
    r.custom = w.custom
    r.owner_id = w.ownerId ?? w.current!.owner_id
    r.updated_by = ctx.user.id ?? null
    return r
  })
  const updated = await updateRows(ctx.tx, model.entity.table, ctx.tenant.id, columns, rows, {
    set: ['updated_at = now()', 'version = t.version + 1'],
    returning: model.selectList(),
  })
  const after = updated.map((r) => model.toJson(r))
  await fillTitles(ctx, model, after)
  const byId = new Map(writes.map((w) => [w.id, w]))
  const history: HistoryRow[] = []
  const events: { event: string; payload: Record<string, unknown> }[] = []
  const done: { a: RecordData; w: PendingWrite }[] = []
  for (const a of after) {
    const w = byId.get(a.id)!
    const diff = diffRecords(model, w.before, a)
    done.push({ a, w })
    if (!diff.length) continue
    history.push({
      entity: model.ref,
      recordId: a.id,
      action: 'update',
      changes: diff,
      note: note(n, w, { version: a.version }),
    })
    events.push({
      event: `${model.ref}.updated`,
      payload: { entity: model.ref, id: a.id, before: w.before, after: a, changed: diff.map((c) => c.field) },
    })
  }
  await writeHistoryRows(ctx, history)
  if (hooks.has('afterUpdate'))
    for (const { a, w } of done) await hooks.run('afterUpdate', { data: a, before: w.before, id: a.id })
  await emitEvents(ctx, events)
}
