/**
 * Moving a record to the trash: the record and, recursively, the children that declared
 * `onDelete: 'cascade'` (through a `belongsTo` or a `parent` field), as one batch; a `restrict` child that
 * is still live refuses the delete.
 * @module
 */
import { columnsOf } from '../entity/columns'
import { ConflictError } from '../errors'
import { ident } from '../entity/naming'
import { uuidv7 } from '../db/uuid'
import { writeHistory } from '../history/history'
import type { RequestContext } from '../records/context'
import type { RecordsServiceImpl } from '../records/records-service'
import type { WriteOptions } from '../records/types'
import { runHooks } from '../records/hooks'

export interface BatchMember {
  entity: string
  id: string
  title: string
  ownerId: string | null
  root: boolean
}

/** The record and its cascading children (live ones), parents first. */
export async function collectBatch(ctx: RequestContext, entity: string, id: string): Promise<BatchMember[]> {
  const out: BatchMember[] = []
  const seen = new Set<string>()
  const visit = async (ref: string, rid: string, root: boolean, title: string, ownerId: string | null) => {
    if (seen.has(rid)) return
    seen.add(rid)
    out.push({ entity: ref, id: rid, title, ownerId, root })
    const e = ctx.core.registry.entities.get(ref)!
    const relations = [
      ...e.inverse.map((inv) => ({ ...inv, parent: false })),
      ...e.parentInverse.map((inv) => ({ ...inv, parent: true })),
    ]
    for (const inv of relations) {
      if (inv.onDelete === 'keep') continue
      const child = ctx.core.registry.entities.get(inv.entity)!
      const cols = columnsOf(inv.field, child.fields[inv.field]).map((c) => ident(c.column))
      const svc = ctx.records(inv.entity) as RecordsServiceImpl
      const m = await svc.model()
      // A `parent` field points with two columns: the entity and the id.
      const match = inv.parent ? `t.${cols[0]} = $3 AND t.${cols[1]} = $2` : `t.${cols[0]} = $2`
      const rows = await ctx.tx.query<{ id: string; title: string; owner_id: string | null }>(
        `SELECT t.id, ${m.titleSql()} AS title, t.owner_id FROM ${m.table} t WHERE t.tenant_id = $1 AND ${match} AND t.deleted_at IS NULL`,
        inv.parent ? [ctx.tenant.id, rid, ref] : [ctx.tenant.id, rid],
      )
      if (inv.onDelete === 'restrict' && rows.length) {
        throw new ConflictError(
          'has-children',
          `${rows.length} ${inv.entity} record(s) still point at this record`,
          {
            children: rows.slice(0, 20).map((r) => ({ entity: inv.entity, id: r.id, title: r.title })),
          },
        )
      }
      for (const r of rows) await visit(inv.entity, r.id, false, r.title, r.owner_id)
    }
  }
  const svc = ctx.records(entity) as RecordsServiceImpl
  const m = await svc.model()
  const [row] = await ctx.tx.query<{ title: string; owner_id: string | null }>(
    `SELECT ${m.titleSql()} AS title, t.owner_id FROM ${m.table} t WHERE t.tenant_id = $1 AND t.id = $2`,
    [ctx.tenant.id, id],
  )
  await visit(entity, id, true, row?.title ?? '', row?.owner_id ?? null)
  return out
}

export async function trashRecord(
  svc: RecordsServiceImpl,
  id: string,
  opts: WriteOptions,
): Promise<{ batchId: string; count: number }> {
  const { ctx } = svc
  await svc.loadFor(id, 'delete', { system: !!opts.system, lock: true })
  const before = await svc.toRecord((await svc.loadFor(id, 'read', { system: true }))!)
  await runHooks(svc, 'beforeDelete', { data: before, id })
  const batch = await collectBatch(ctx, svc.ref, id)
  const batchId = uuidv7()
  for (const m of batch) {
    const e = ctx.core.registry.entities.get(m.entity)!
    await ctx.tx.query(
      `UPDATE ${ident(e.table)} SET deleted_at = now(), deleted_by = $3, trash_batch_id = $4 WHERE tenant_id = $1 AND id = $2`,
      [ctx.tenant.id, m.id, ctx.user.id, batchId],
    )
    await ctx.tx.query(
      `INSERT INTO core_trash_entry (tenant_id, id, batch_id, entity, record_id, title, root, owner_id, deleted_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [ctx.tenant.id, uuidv7(), batchId, m.entity, m.id, m.title, m.root, m.ownerId, ctx.user.id],
    )
    await writeHistory(
      ctx,
      m.entity,
      m.id,
      'delete',
      [],
      m.root ? opts.note : { key: 'core:history.cascade', batchId },
    )
    await ctx.emit(`${m.entity}.deleted`, { entity: m.entity, id: m.id, batchId, root: m.root })
  }
  return { batchId, count: batch.length }
}
