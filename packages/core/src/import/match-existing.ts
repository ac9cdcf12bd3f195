/**
 * Update and upsert: the live records a batch's keys designate, read in one query and locked until the
 * batch commits (no one can change them in between). A key names a record only if the user may read it;
 * changing it also takes the update scope, as `PATCH` does.
 * @module
 */
import type { Row } from '../db/database'
import { columnsOf } from '../entity/columns'
import { ident } from '../entity/naming'
import type { RequestContext } from '../records/context'
import type { EntityModel } from '../records/entity-model'

export type MatchOutcome = { op: 'create' } | { op: 'update'; row: Row } | { op: 'error'; code: string }

function covers(ctx: RequestContext, model: EntityModel, action: string, ownerId: string | null): boolean {
  const key = `${model.ref}.${action}`
  if (model.entity.ownership === 'none') return ctx.access.can(key)
  return ctx.access.covers(ctx.access.scope(key), ownerId)
}

/** Live rows whose key is in `values`, locked, grouped by key value. */
export async function findByKey(
  ctx: RequestContext,
  model: EntityModel,
  key: string,
  values: string[],
): Promise<Map<string, Row[]>> {
  const out = new Map<string, Row[]>()
  if (!values.length) return out
  const mf = key === 'id' ? null : model.fields.get(key)!
  const spec = mf ? columnsOf(key, mf.def)[0] : { column: 'id', sqlType: 'uuid' }
  const col = `t.${ident(spec.column)}`
  const rows = await ctx.tx.query(
    `SELECT ${model.selectList()}, ${col}::text AS "__key" FROM ${model.table} t
     WHERE t.tenant_id = $1 AND t.deleted_at IS NULL AND ${col} = ANY($2::${spec.sqlType}[]) ORDER BY t.id FOR UPDATE`,
    [ctx.tenant.id, values],
  )
  for (const r of rows) out.set(r.__key, [...(out.get(r.__key) ?? []), r])
  return out
}

/**
 * What a row with key value `value` does. Update mode needs a record; upsert creates when none matches,
 * except that an id always names an existing record.
 */
export function decide(
  ctx: RequestContext,
  model: EntityModel,
  mode: 'update' | 'upsert',
  key: string,
  value: string | null,
  found: Map<string, Row[]>,
): MatchOutcome {
  if (value === null)
    return mode === 'upsert' ? { op: 'create' } : { op: 'error', code: 'import_key_required' }
  const readable = ctx.access.can(`${model.ref}.read`)
  const all = found.get(value) ?? []
  const visible = readable ? all.filter((r) => covers(ctx, model, 'read', r.owner_id)) : []
  if (visible.length > 1) return { op: 'error', code: 'import_ambiguous_key' }
  if (visible.length === 1) {
    return covers(ctx, model, 'update', visible[0].owner_id)
      ? { op: 'update', row: visible[0] }
      : { op: 'error', code: 'import_forbidden' }
  }
  return mode === 'upsert' && key !== 'id' ? { op: 'create' } : { op: 'error', code: 'import_no_match' }
}
