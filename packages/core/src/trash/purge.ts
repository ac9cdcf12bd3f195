/**
 * Deleting trashed records for good. Records outside the purge that point at a purged one lose the pointer
 * (`belongsTo` and `parent` alike), except through a required `belongsTo`, which cannot be emptied: the
 * purge is then refused before anything is written. The purged records go children first.
 * @module
 */
import { columnsOf } from '../entity/columns'
import { ident } from '../entity/naming'
import { ConflictError } from '../errors'
import type { RequestContext } from '../records/context'
import type { RecordsServiceImpl } from '../records/records-service'

export interface PurgeMember {
  entity: string
  record_id: string
}

/** Live or trashed records outside `members` that point at a member with a required (NOT NULL) `belongsTo`. */
async function requiredChildren(ctx: RequestContext, members: PurgeMember[]) {
  const purged = new Set(members.map((m) => m.record_id))
  const out: { entity: string; id: string; title: string; field: string }[] = []
  for (const m of members) {
    for (const inv of ctx.core.registry.entities.get(m.entity)!.inverse) {
      const child = ctx.core.registry.entities.get(inv.entity)!
      const field = child.fields[inv.field]
      if (!field.required) continue
      const svc = ctx.records(inv.entity) as RecordsServiceImpl
      const model = await svc.model()
      const col = ident(columnsOf(inv.field, field)[0].column)
      const rows = await ctx.tx.query<{ id: string; title: string }>(
        `SELECT t.id, ${model.titleSql()} AS title FROM ${model.table} t WHERE t.tenant_id = $1 AND t.${col} = $2 LIMIT 21`,
        [ctx.tenant.id, m.record_id],
      )
      for (const r of rows)
        if (!purged.has(r.id)) out.push({ entity: inv.entity, id: r.id, title: r.title, field: inv.field })
    }
  }
  return out
}

/**
 * Deletes the members for good. Records outside them that point at a member lose the pointer (`belongsTo`
 * and `parent` alike), except through a required `belongsTo`, which cannot be emptied: then nothing is
 * purged and the problem names those records (purge or re-point them first). Members go children first.
 */
export async function purgeMembers(ctx: RequestContext, members: PurgeMember[]): Promise<number> {
  const blocking = await requiredChildren(ctx, members)
  if (blocking.length) {
    throw new ConflictError(
      'has-children',
      `${blocking.length} record(s) still need this record: ${blocking
        .slice(0, 5)
        .map((b) => `${b.entity} "${b.title}"`)
        .join(', ')}`,
      { children: blocking.slice(0, 20) },
    )
  }
  const reg = ctx.core.registry
  for (const m of members) {
    const e = reg.entities.get(m.entity)!
    for (const inv of e.inverse) {
      const child = reg.entities.get(inv.entity)!
      const field = child.fields[inv.field]
      if (field.required) continue
      const col = ident(columnsOf(inv.field, field)[0].column)
      await ctx.tx.query(
        `UPDATE ${ident(child.table)} SET ${col} = NULL WHERE tenant_id = $1 AND ${col} = $2`,
        [ctx.tenant.id, m.record_id],
      )
    }
    for (const inv of e.parentInverse) {
      const child = reg.entities.get(inv.entity)!
      const [entCol, idCol] = columnsOf(inv.field, child.fields[inv.field]).map((c) => ident(c.column))
      await ctx.tx.query(
        `UPDATE ${ident(child.table)} SET ${entCol} = NULL, ${idCol} = NULL WHERE tenant_id = $1 AND ${entCol} = $2 AND ${idCol} = $3`,
        [ctx.tenant.id, m.entity, m.record_id],
      )
    }
  }
  // What is left pointing at a member comes from another member through a required field: delete the
  // members nothing points at, and repeat.
  let left: PurgeMember[] = [...members]
  while (left.length) {
    const next: PurgeMember[] = []
    for (const m of left) {
      if (await pointedAt(ctx, m)) next.push(m)
      else await deleteMember(ctx, m)
    }
    // Required pointers in a loop cannot be emptied: not a client error, and nothing is committed.
    if (next.length === left.length) throw new Error('Purge: records of the batch require each other')
    left = next
  }
  return members.length
}

async function pointedAt(ctx: RequestContext, m: PurgeMember): Promise<boolean> {
  for (const inv of ctx.core.registry.entities.get(m.entity)!.inverse) {
    const child = ctx.core.registry.entities.get(inv.entity)!
    const field = child.fields[inv.field]
    if (!field.required) continue
    const col = ident(columnsOf(inv.field, field)[0].column)
    const [hit] = await ctx.tx.query(
      `SELECT 1 FROM ${ident(child.table)} WHERE tenant_id = $1 AND ${col} = $2 AND id <> $2 LIMIT 1`,
      [ctx.tenant.id, m.record_id],
    )
    if (hit) return true
  }
  return false
}

async function deleteMember(ctx: RequestContext, m: PurgeMember) {
  const e = ctx.core.registry.entities.get(m.entity)!
  await ctx.tx.query('DELETE FROM core_link WHERE tenant_id = $1 AND (from_id = $2 OR to_id = $2)', [
    ctx.tenant.id,
    m.record_id,
  ])
  await ctx.tx.query('DELETE FROM core_history WHERE tenant_id = $1 AND record_id = $2', [
    ctx.tenant.id,
    m.record_id,
  ])
  await ctx.tx.query(
    `DELETE FROM ${ident(e.table)} WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NOT NULL`,
    [ctx.tenant.id, m.record_id],
  )
  await ctx.tx.query('DELETE FROM core_trash_entry WHERE tenant_id = $1 AND record_id = $2', [
    ctx.tenant.id,
    m.record_id,
  ])
  await ctx.emit(`${m.entity}.purged`, { entity: m.entity, id: m.record_id })
}
