/**
 * Undo, part two: a record the import updated gets back the values its history entry recorded before the
 * import. Only if nobody changed it since (its version is still the one the import left), and only within
 * the user's update scope; otherwise it is left as it is and counted as a conflict.
 * @module
 */
import type { RecordData } from '../entity/define-entity'
import { ident } from '../entity/naming'
import { diffRecords } from '../history/history'
import type { Change } from '../history/history'
import type { RequestContext } from '../records/context'
import type { EntityModel } from '../records/entity-model'
import type { RecordsServiceImpl } from '../records/records-service'
import { fillTitles } from '../records/titles'
import { emitEvents, writeHistoryRows } from './record-trail'

export interface ImportedUpdate {
  recordId: string
  changes: Change[]
  version: number
}

/** A value as history recorded it → the value the API accepts (references by id). */
function apiValue(model: EntityModel, field: string, v: unknown): unknown {
  const t = model.fields.get(field)?.def.type
  if (v && typeof v === 'object' && (t === 'belongsTo' || t === 'user' || t === 'file'))
    return (v as { id: string }).id
  if (v && typeof v === 'object' && t === 'parent') return { entity: (v as any).entity, id: (v as any).id }
  return v
}

function mayUpdate(ctx: RequestContext, model: EntityModel, ownerId: string | null): boolean {
  if (model.entity.ownership === 'none') return ctx.access.can(`${model.ref}.update`)
  return ctx.access.covers(ctx.access.scope(`${model.ref}.update`), ownerId)
}

/** Restores one record; false when it was changed since the import, is gone, or is out of the user's scope. */
export async function restoreUpdated(
  ctx: RequestContext,
  entity: string,
  u: ImportedUpdate,
  note: Record<string, unknown>,
): Promise<boolean> {
  const svc = ctx.records(entity) as RecordsServiceImpl
  const model = await svc.model()
  const [current] = await ctx.tx.query(
    `SELECT ${model.selectList()} FROM ${model.table} t WHERE t.tenant_id = $1 AND t.id = $2 AND t.deleted_at IS NULL FOR UPDATE`,
    [ctx.tenant.id, u.recordId],
  )
  if (!current || current.version !== u.version || !mayUpdate(ctx, model, current.owner_id)) return false
  const values: Record<string, unknown> = {}
  const custom: Record<string, unknown> = { ...(current.custom ?? {}) }
  let owner: string | null | undefined
  for (const c of u.changes) {
    const mf = model.fields.get(c.field)
    if (c.field === 'owner') owner = (c.old as { id?: string } | null)?.id ?? null
    else if (mf?.origin === 'entity') values[c.field] = apiValue(model, c.field, c.old)
    else if (mf) custom[mf.jsonKey!] = c.old
  }
  const cols: Record<string, unknown> = {
    ...model.toColumns(values),
    custom: JSON.stringify(custom),
    updated_by: ctx.user.id,
  }
  if (owner !== undefined) cols.owner_id = owner
  const names = Object.keys(cols)
  const sets = names.map((n, i) => `${ident(n)} = $${i + 3}${n === 'custom' ? '::text::jsonb' : ''}`)
  const [row] = await ctx.tx.query(
    `UPDATE ${model.table} AS t SET ${sets.join(', ')}, updated_at = now(), version = t.version + 1
     WHERE t.tenant_id = $1 AND t.id = $2 RETURNING ${model.selectList()}`,
    [ctx.tenant.id, u.recordId, ...names.map((n) => cols[n])],
  )
  const before: RecordData = model.toJson(current)
  const after: RecordData = model.toJson(row)
  await fillTitles(ctx, model, [after])
  const diff = diffRecords(model, before, after)
  await writeHistoryRows(ctx, [{ entity, recordId: u.recordId, action: 'update', changes: diff, note }])
  await emitEvents(ctx, [
    {
      event: `${entity}.updated`,
      payload: { entity, id: u.recordId, before, after, changed: diff.map((c) => c.field) },
    },
  ])
  return true
}
