/**
 * Fills `{ id }` references in records with the target's display title, one query per target entity,
 * and only where the user may read the target (otherwise the reference stays `{ id }`).
 * @module
 */
import type { RecordData } from '../entity/define-entity'
import type { RequestContext } from './context'
import type { EntityModel } from './entity-model'
import { scopeSql } from './scope'
import { Params } from './sql-params'

export type Ref = { id: string; entity?: string; title?: string; trashed?: boolean }

export async function fillTitles(
  ctx: RequestContext,
  model: EntityModel,
  records: RecordData[],
): Promise<void> {
  if (!records.length) return
  const wanted = new Map<string, Map<string, Ref[]>>() // target → id → refs to fill
  const want = (target: string, ref: Ref | null | undefined) => {
    if (!ref?.id) return
    const m = wanted.get(target) ?? new Map<string, Ref[]>()
    wanted.set(target, m)
    const list = m.get(ref.id) ?? []
    list.push(ref)
    m.set(ref.id, list)
  }
  for (const r of records) {
    want('core.user', r.owner)
    for (const mf of model.fields.values()) {
      if (mf.origin !== 'entity') continue
      const v = r[mf.name]
      if (mf.def.type === 'belongsTo') want(mf.def.target, v)
      else if (mf.def.type === 'user') want('core.user', v)
      else if (mf.def.type === 'file') want('core.file', v)
      else if (mf.def.type === 'parent' && v) want(v.entity, v)
    }
  }
  // One query per target, all sent at once: postgres.js pipelines them on the transaction's connection.
  await Promise.all([...wanted].map(([target, ids]) => fillTarget(ctx, target, ids)))
}

/** Fills the references to one target (`ids`: id → the references to it), with the same rules. */
export async function fillTarget(
  ctx: RequestContext,
  target: string,
  ids: Map<string, Ref[]>,
): Promise<void> {
  const idList = [...ids.keys()]
  let rows: { id: string; title: string; trashed: boolean }[] = []
  if (target === 'core.file') {
    const files = await ctx.tx.query<{ id: string; title: string; mime: string; size: number }>(
      'SELECT id, name AS title, mime, size FROM core_file WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
      [ctx.tenant.id, idList],
    )
    for (const row of files)
      for (const ref of ids.get(row.id) ?? [])
        Object.assign(ref, { title: row.title, mime: row.mime, size: row.size })
    return
  }
  if (target === 'core.user') {
    rows = await ctx.tx.query(
      'SELECT id, name AS title, false AS trashed FROM core_user WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
      [ctx.tenant.id, idList],
    )
  } else {
    const entity = ctx.core.registry.entities.get(target)
    if (!entity || !ctx.enabled.has(entity.plugin) || !ctx.access.can(`${target}.read`)) return
    const tm = await (ctx.records(target) as any).model()
    const p = new Params()
    const where = [`t.tenant_id = ${p.add(ctx.tenant.id)}`, `t.id = ANY(${p.add(idList)}::uuid[])`]
    const scope = scopeSql(ctx, tm, 'read', p)
    if (scope) where.push(scope)
    rows = await ctx.tx.query(
      `SELECT t.id, ${tm.titleSql()} AS title, (t.deleted_at IS NOT NULL) AS trashed FROM ${tm.table} t WHERE ${where.join(' AND ')}`,
      p.values,
    )
  }
  for (const row of rows) {
    for (const ref of ids.get(row.id) ?? []) {
      ref.title = row.title
      if (row.trashed) ref.trashed = true
    }
  }
}

/**
 * Whether a title field of `entity` is hidden from the user. A title stored earlier (a trash entry's) was
 * written from every field, so it must not be shown, nor searched, to them.
 */
export function titleHidden(ctx: RequestContext, entity: { ref: string; title: readonly string[] }): boolean {
  return entity.title.some((n) => ctx.access.fieldRule(entity.ref, n) === 'hidden')
}
