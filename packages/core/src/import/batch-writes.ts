/**
 * Writing a batch's checked rows: one multi-row INSERT for the new records and one multi-row UPDATE for
 * the changed ones (rows that change nothing are not touched, so their version stays), then, as the
 * records engine does for each record, the history entry and the `after*` hooks. Events: one
 * `<ref>.imported` per batch naming the records created and updated, and the records engine's
 * `<ref>.created` / `<ref>.updated` per record when a plugin subscribes to them.
 * @module
 */
import { columnsOf } from '../entity/columns'
import type { RecordData } from '../entity/define-entity'
import { diffRecords } from '../history/history'
import type { RequestContext } from '../records/context'
import type { EntityModel } from '../records/entity-model'
import { fillTitles } from '../records/titles'
import { insertRows, updateRows } from './bulk-sql'
import type { HookRunner } from './hook-runner'
import { allocateNumbers } from './number-range'
import type { PendingWrite } from './pending-write'
import { emitEvents, type HistoryRow, subscribed, writeHistoryRows } from './record-trail'

export interface WriteNote {
  import: string
  key: string
}

function note(n: WriteNote, w: PendingWrite, extra: Record<string, unknown> = {}) {
  return { key: n.key, import: n.import, line: w.row.line, ...extra }
}

/**
 * The table columns of the entity fields the writes set (as `EntityModel.toColumns` maps them), worked
 * out once per batch, and a write's values for them in that order: a field a write leaves out is NULL.
 */
function fieldColumns(model: EntityModel, writes: PendingWrite[]) {
  const names = new Set<string>()
  for (const w of writes) for (const name in w.values) names.add(name)
  const fields: { name: string; type: string; parts: (string | undefined)[] }[] = []
  const columns: string[] = []
  for (const name of names) {
    const mf = model.fields.get(name)
    if (mf?.origin !== 'entity' || mf.def.type === 'computed') continue
    const specs = mf.columns ?? columnsOf(name, mf.def)
    fields.push({ name, type: mf.def.type, parts: specs.map((c) => c.part) })
    columns.push(...specs.map((c) => c.column))
  }
  const valuesOf = (w: PendingWrite): unknown[] => {
    const out: unknown[] = []
    for (const f of fields) {
      const v = w.values[f.name] as any
      if (f.type === 'parent') out.push(v?.entity ?? null, v?.id ?? null)
      else if (f.type === 'address') for (const part of f.parts) out.push(v?.[part!] ?? null)
      else out.push(v)
    }
    return out
  }
  return { columns, valuesOf }
}

/** Writes the batch's new records; returns their ids. */
export async function writeCreates(
  ctx: RequestContext,
  model: EntityModel,
  writes: PendingWrite[],
  hooks: HookRunner,
  n: WriteNote,
): Promise<string[]> {
  if (!writes.length) return []
  const num = model.entity.numbering
  if (num) {
    const missing = writes.filter((w) => w.values[num.field] === null || w.values[num.field] === undefined)
    const numbers = await allocateNumbers(ctx, model.ref, num, missing.length)
    missing.forEach((w, i) => {
      w.values[num.field] = numbers[i]
    })
  }
  const fields = fieldColumns(model, writes)
  const columns = ['tenant_id', 'id', 'owner_id', 'created_by', 'updated_by', 'custom', ...fields.columns]
  const rows = writes.map((w) => [
    ctx.tenant.id,
    w.id,
    w.ownerId,
    ctx.user.id,
    ctx.user.id,
    w.custom,
    ...fields.valuesOf(w),
  ])
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
  if (subscribed(ctx, `${model.ref}.created`)) {
    await emitEvents(
      ctx,
      after.map((a) => ({
        event: `${model.ref}.created`,
        payload: { entity: model.ref, id: a.id, after: a },
      })),
    )
  }
  return after.map((a) => a.id)
}

/** Whether an update row changes anything at all. */
export function changes(w: PendingWrite): boolean {
  return Object.keys(w.values).length > 0 || w.customChanged || w.ownerId !== null
}

/** Writes the batch's changes to existing records; returns the ids of the records a field changed in. */
export async function writeUpdates(
  ctx: RequestContext,
  model: EntityModel,
  writes: PendingWrite[],
  hooks: HookRunner,
  n: WriteNote,
): Promise<string[]> {
  if (!writes.length) return []
  const changed = writes.map((w) => model.toColumns(w.values))
  const columns = [...new Set(changed.flatMap((c) => Object.keys(c)))]
  if (writes.some((w) => w.customChanged)) columns.push('custom')
  if (writes.some((w) => w.ownerId !== null)) columns.push('owner_id')
  columns.push('updated_by')
  // A column a row does not change keeps the value read, so that one statement serves every row.
  const cell = (w: PendingWrite, set: Record<string, unknown>, column: string) => {
    if (column === 'custom') return w.custom
    if (column === 'owner_id') return w.ownerId ?? w.current!.owner_id
    if (column === 'updated_by') return ctx.user.id ?? null
    return column in set ? set[column] : w.current![column]
  }
  const rows = writes.map((w, i) => [w.id, ...columns.map((c) => cell(w, changed[i], c))])
  const updated = await updateRows(ctx.tx, model.entity.table, ctx.tenant.id, ['id', ...columns], rows, {
    set: ['updated_at = now()', 'version = t.version + 1'],
    returning: model.selectList(),
  })
  const after = updated.map((r) => model.toJson(r))
  await fillTitles(ctx, model, after)
  const byId = new Map(writes.map((w) => [w.id, w]))
  const history: HistoryRow[] = []
  const events: { event: string; payload: Record<string, unknown> }[] = []
  const emit = subscribed(ctx, `${model.ref}.updated`)
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
    if (emit) {
      events.push({
        event: `${model.ref}.updated`,
        payload: {
          entity: model.ref,
          id: a.id,
          before: w.before,
          after: a,
          changed: diff.map((c) => c.field),
        },
      })
    }
  }
  await writeHistoryRows(ctx, history)
  if (hooks.has('afterUpdate'))
    for (const { a, w } of done) await hooks.run('afterUpdate', { data: a, before: w.before, id: a.id })
  await emitEvents(ctx, events)
  return history.map((h) => h.recordId)
}

/** The batch's one `<ref>.imported` event: which records it created and which it updated. */
export async function emitImported(
  ctx: RequestContext,
  model: EntityModel,
  n: WriteNote,
  ids: { created: string[]; updated: string[] },
): Promise<void> {
  if (!ids.created.length && !ids.updated.length) return
  await emitEvents(ctx, [
    { event: `${model.ref}.imported`, payload: { entity: model.ref, import: n.import, ...ids } },
  ])
}
