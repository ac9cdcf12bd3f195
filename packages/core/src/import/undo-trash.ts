/**
 * Undo, part one: the records an import created go to the trash, all in one trash batch (restoring one
 * of them from the trash restores the import's records together). As with a delete, children that
 * declared `onDelete: 'cascade'` follow, a live `restrict` child keeps its parent (reported), and the user
 * needs the delete right over each record. Done in bulk: one query per relation level, not per record.
 * @module
 */
import { uuidv7 } from '../db/uuid'
import { columnsOf } from '../entity/columns'
import { ident } from '../entity/naming'
import type { RequestContext } from '../records/context'
import type { RecordsServiceImpl } from '../records/records-service'
import { insertRows } from './bulk-sql'
import { emitEvents, writeHistoryRows } from './record-trail'

interface Member {
  entity: string
  id: string
  title: string
  ownerId: string | null
  root: boolean
  rootId: string
}

export interface TrashOutcome {
  trashed: number
  kept: number
}

async function liveRows(ctx: RequestContext, entity: string, column: string, ids: string[]) {
  const svc = ctx.records(entity) as RecordsServiceImpl
  const m = await svc.model()
  return ctx.tx.query<{ id: string; title: string; owner_id: string | null; parent: string }>(
    `SELECT t.id, ${m.titleSql()} AS title, t.owner_id, t.${ident(column)}::text AS parent FROM ${m.table} t
     WHERE t.tenant_id = $1 AND t.${ident(column)} = ANY($2::uuid[]) AND t.deleted_at IS NULL`,
    [ctx.tenant.id, ids],
  )
}

function mayDelete(ctx: RequestContext, entity: string, ownerId: string | null): boolean {
  const e = ctx.core.registry.entities.get(entity)!
  if (e.ownership === 'none') return ctx.access.can(`${entity}.delete`)
  return ctx.access.covers(ctx.access.scope(`${entity}.delete`), ownerId)
}

/** The roots with their cascading children; roots blocked by a `restrict` child or by rights are left out. */
async function collect(
  ctx: RequestContext,
  entity: string,
  ids: string[],
): Promise<{ members: Member[]; kept: number }> {
  const members = new Map<string, Member>()
  const roots = await liveRows(ctx, entity, 'id', ids)
  const blocked = new Set<string>()
  for (const r of roots) {
    members.set(r.id, { entity, id: r.id, title: r.title, ownerId: r.owner_id, root: true, rootId: r.id })
    if (!mayDelete(ctx, entity, r.owner_id)) blocked.add(r.id)
  }
  let frontier = new Map<string, string[]>([[entity, roots.map((r) => r.id)]])
  while (frontier.size) {
    const next = new Map<string, string[]>()
    for (const [ref, parents] of frontier) {
      for (const inv of ctx.core.registry.entities.get(ref)!.inverse) {
        if (inv.onDelete === 'keep' || !parents.length) continue
        const child = ctx.core.registry.entities.get(inv.entity)!
        const col = columnsOf(inv.field, child.fields[inv.field])[0].column
        for (const r of await liveRows(ctx, inv.entity, col, parents)) {
          const rootId = members.get(r.parent)!.rootId
          if (inv.onDelete === 'restrict') {
            if (!members.has(r.id)) blocked.add(rootId)
            continue
          }
          if (members.has(r.id)) continue
          members.set(r.id, {
            entity: inv.entity,
            id: r.id,
            title: r.title,
            ownerId: r.owner_id,
            root: false,
            rootId,
          })
          if (!mayDelete(ctx, inv.entity, r.owner_id)) blocked.add(rootId)
          next.set(inv.entity, [...(next.get(inv.entity) ?? []), r.id])
        }
      }
    }
    frontier = next
  }
  const kept = roots.filter((r) => blocked.has(r.id)).length
  return { members: [...members.values()].filter((m) => !blocked.has(m.rootId)), kept }
}

export async function trashCreated(
  ctx: RequestContext,
  entity: string,
  ids: string[],
  batchId: string,
  note: Record<string, unknown>,
): Promise<TrashOutcome> {
  const { members, kept } = await collect(ctx, entity, ids)
  for (const m of members.filter((x) => x.root)) {
    for (const h of ctx.core.registry.hooks.get(`${m.entity}.beforeDelete`) ?? []) {
      await h(ctx, { entity: m.entity, data: await ctx.records(m.entity).get(m.id), id: m.id })
    }
  }
  const byEntity = new Map<string, string[]>()
  for (const m of members) byEntity.set(m.entity, [...(byEntity.get(m.entity) ?? []), m.id])
  for (const [ref, list] of byEntity) {
    await ctx.tx.query(
      `UPDATE ${ident(ctx.core.registry.entities.get(ref)!.table)} SET deleted_at = now(), deleted_by = $3, trash_batch_id = $4
       WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [ctx.tenant.id, list, ctx.user.id, batchId],
    )
  }
  await insertRows(
    ctx.tx,
    'core_trash_entry',
    ['tenant_id', 'id', 'batch_id', 'entity', 'record_id', 'title', 'root', 'owner_id', 'deleted_by'],
    members.map((m) => [
      ctx.tenant.id,
      uuidv7(),
      batchId,
      m.entity,
      m.id,
      m.title,
      m.root,
      m.ownerId,
      ctx.user.id,
    ]),
  )
  await writeHistoryRows(
    ctx,
    members.map((m) => ({
      entity: m.entity,
      recordId: m.id,
      action: 'delete',
      changes: [],
      note: m.root ? note : { key: 'core:history.cascade', batchId },
    })),
  )
  await emitEvents(
    ctx,
    members.map((m) => ({
      event: `${m.entity}.deleted`,
      payload: { entity: m.entity, id: m.id, batchId, root: m.root },
    })),
  )
  return { trashed: members.filter((m) => m.root).length, kept }
}
