/**
 * The recycle bin across entities: list (one indexed table, not a union of every entity table), restore a
 * batch exactly as it was, purge for good (children first), and the retention purge.
 * @module
 */
import { columnsOf } from '../entity/columns'
import { ConflictError, ForbiddenError, NotFoundError } from '../errors'
import { ident } from '../entity/naming'
import { writeHistory } from '../history/history'
import type { RequestContext } from '../records/context'
import { iso } from '../records/entity-model'
import type { RecordsServiceImpl } from '../records/records-service'
import { Params } from '../records/sql-params'
import { purgeMembers } from './purge'
import { titleHidden } from '../records/titles'

export interface TrashQuery {
  entity?: string
  q?: string
  deletedBy?: string
  from?: string
  to?: string
  cursor?: string
  limit?: number
}

/** Trash entries the user may see: entities they can read (with scope on the record's owner), enabled plugins. */
export async function listTrash(ctx: RequestContext, query: TrashQuery) {
  const p = new Params()
  const where = [`e.tenant_id = ${p.add(ctx.tenant.id)}`]
  const readable: string[] = []
  const scoped: string[] = []
  const masked: string[] = []
  for (const e of ctx.core.registry.entities.values()) {
    if (!ctx.enabled.has(e.plugin)) continue
    if (query.entity && query.entity !== e.ref) continue
    if (titleHidden(ctx, e)) masked.push(e.ref)
    const s =
      e.ownership === 'none'
        ? ctx.access.can(`${e.ref}.read`)
          ? 'all'
          : 'none'
        : ctx.access.scope(`${e.ref}.read`)
    if (s === 'all') readable.push(e.ref)
    else if (s === 'own' || s === 'team')
      scoped.push(
        `(e.entity = ${p.add(e.ref)} AND e.owner_id = ANY(${p.add(s === 'own' ? [ctx.user.id] : ctx.access.teamMemberIds)}::uuid[]))`,
      )
  }
  const vis = [...(readable.length ? [`e.entity = ANY(${p.add(readable)}::text[])`] : []), ...scoped]
  where.push(vis.length ? `(${vis.join(' OR ')})` : 'false')
  if (query.q?.trim())
    where.push(
      `comptoir_unaccent(lower(e.title)) LIKE comptoir_unaccent(lower(${p.add(`%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}))`,
    )
  if (query.q?.trim() && masked.length) where.push(`NOT (e.entity = ANY(${p.add(masked)}::text[]))`)
  if (query.deletedBy) where.push(`e.deleted_by = ${p.add(query.deletedBy)}`)
  if (query.from) where.push(`e.deleted_at >= ${p.add(query.from)}`)
  if (query.to) where.push(`e.deleted_at < (${p.add(query.to)}::date + 1)`)
  if (query.cursor) {
    const [at, id] = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8'))
    where.push(`(e.deleted_at, e.id) < (${p.add(at)}, ${p.add(id)})`)
  }
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 200)
  const rows = await ctx.tx.query<any>(
    `SELECT e.id, e.batch_id, e.entity, e.record_id, e.title, e.root, e.deleted_at, e.deleted_by, u.name AS deleted_by_name,
            (SELECT count(*)::int FROM core_trash_entry c WHERE c.tenant_id = e.tenant_id AND c.batch_id = e.batch_id) AS batch_size
     FROM core_trash_entry e LEFT JOIN core_user u ON u.tenant_id = e.tenant_id AND u.id = e.deleted_by
     WHERE ${where.join(' AND ')} ORDER BY e.deleted_at DESC, e.id DESC LIMIT ${limit + 1}`,
    p.values,
  )
  const more = rows.length > limit
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return {
    data: page.map((r) => ({
      id: r.record_id,
      entity: r.entity,
      title: masked.includes(r.entity) ? r.record_id : r.title,
      batchId: r.batch_id,
      root: r.root,
      batchSize: r.batch_size,
      deletedAt: iso(r.deleted_at),
      deletedBy: r.deleted_by ? { id: r.deleted_by, title: r.deleted_by_name } : null,
    })),
    nextCursor: more
      ? Buffer.from(JSON.stringify([iso(last.deleted_at), last.id])).toString('base64url')
      : null,
  }
}

interface Member {
  entity: string
  record_id: string
  root: boolean
  batch_id: string
  title: string
}

async function entryOf(ctx: RequestContext, entity: string, id: string): Promise<Member> {
  const [m] = await ctx.tx.query<Member>(
    'SELECT entity, record_id, root, batch_id, title FROM core_trash_entry WHERE tenant_id = $1 AND entity = $2 AND record_id = $3 FOR UPDATE',
    [ctx.tenant.id, entity, id],
  )
  if (!m) throw new NotFoundError()
  return m
}

/** Checks the user may act on the trashed record: same visibility rules as live records. */
async function authorise(ctx: RequestContext, entity: string, id: string, action: 'restore' | 'purge') {
  const svc = ctx.records(entity) as RecordsServiceImpl
  svc.assertEnabled()
  const row = ctx.access.can(`${entity}.read`) ? await svc.row(id, { includeTrashed: true }) : null
  if (!row?.deleted_at) throw new NotFoundError()
  const scope =
    svc.entity.ownership === 'none'
      ? ctx.access.can(`${entity}.${action}`)
        ? 'all'
        : 'none'
      : ctx.access.scope(`${entity}.${action}`)
  if (!ctx.access.covers(scope, row.owner_id))
    throw new ForbiddenError('forbidden', `Not allowed: ${entity}.${action}`)
}

/**
 * Parents of the batch's records (through a belongsTo, or a `parent` field that cascades or restricts)
 * that are in the trash in another batch.
 */
async function trashedParents(ctx: RequestContext, members: Member[]): Promise<Member[]> {
  const ids = new Set(members.map((m) => m.record_id))
  const out = new Map<string, Member>()
  for (const m of members) {
    const e = ctx.core.registry.entities.get(m.entity)!
    for (const [name, field] of Object.entries(e.fields)) {
      if (field.type !== 'belongsTo') continue
      const col = ident(columnsOf(name, field)[0].column)
      const target = ctx.core.registry.entities.get(field.target)!
      const rows = await ctx.tx.query<{ pid: string }>(
        `SELECT p.id AS pid FROM ${ident(e.table)} c JOIN ${ident(target.table)} p ON p.tenant_id = c.tenant_id AND p.id = c.${col}
         WHERE c.tenant_id = $1 AND c.id = $2 AND p.deleted_at IS NOT NULL`,
        [ctx.tenant.id, m.record_id],
      )
      for (const r of rows) {
        if (ids.has(r.pid)) continue
        out.set(r.pid, await entryOf(ctx, field.target, r.pid))
      }
    }
    for (const [name, field] of Object.entries(e.fields)) {
      // A `keep` parent pointer may rest on a trashed record (a trace such as "converted into"): no refusal.
      if (field.type !== 'parent' || field.onDelete === 'keep') continue
      const [entCol, idCol] = columnsOf(name, field).map((c) => ident(c.column))
      const [ptr] = await ctx.tx.query<{ entity: string | null; id: string | null }>(
        `SELECT ${entCol} AS entity, ${idCol} AS id FROM ${ident(e.table)} WHERE tenant_id = $1 AND id = $2`,
        [ctx.tenant.id, m.record_id],
      )
      const target = ptr?.entity ? ctx.core.registry.entities.get(ptr.entity) : undefined
      if (!target || !ptr?.id || ids.has(ptr.id)) continue
      const [p] = await ctx.tx.query(
        `SELECT 1 FROM ${ident(target.table)} WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NOT NULL`,
        [ctx.tenant.id, ptr.id],
      )
      if (p) out.set(ptr.id, await entryOf(ctx, target.ref, ptr.id))
    }
  }
  return [...out.values()]
}

async function batchMembers(ctx: RequestContext, batchId: string): Promise<Member[]> {
  return ctx.tx.query<Member>(
    'SELECT entity, record_id, root, batch_id, title FROM core_trash_entry WHERE tenant_id = $1 AND batch_id = $2',
    [ctx.tenant.id, batchId],
  )
}

async function restoreMembers(
  ctx: RequestContext,
  members: Member[],
  withParents: boolean,
  seen: Set<string>,
): Promise<number> {
  const parents = await trashedParents(ctx, members)
  if (parents.length && !withParents) {
    throw new ConflictError(
      'parent-in-trash',
      'Restore the parent records first, or ask to restore them too',
      {
        parents: parents.map((x) => ({ entity: x.entity, id: x.record_id, title: x.title })),
      },
    )
  }
  let count = 0
  for (const parent of parents) {
    if (seen.has(parent.batch_id)) continue
    seen.add(parent.batch_id)
    count += await restoreMembers(ctx, await batchMembers(ctx, parent.batch_id), true, seen)
  }
  for (const m of members) {
    const e = ctx.core.registry.entities.get(m.entity)!
    for (const [name, field] of Object.entries(e.fields)) {
      if (!field.unique) continue
      const col = ident(columnsOf(name, field)[0].column)
      const clash = await ctx.tx.query(
        `SELECT 1 FROM ${ident(e.table)} a JOIN ${ident(e.table)} b ON b.tenant_id = a.tenant_id AND b.${col} = a.${col} AND b.id <> a.id AND b.deleted_at IS NULL
         WHERE a.tenant_id = $1 AND a.id = $2 LIMIT 1`,
        [ctx.tenant.id, m.record_id],
      )
      if (clash.length)
        throw new ConflictError('unique-conflict', `A live record already uses this ${name}`, {
          entity: m.entity,
          id: m.record_id,
          field: name,
        })
    }
  }
  for (const m of members) {
    const e = ctx.core.registry.entities.get(m.entity)!
    await ctx.tx.query(
      `UPDATE ${ident(e.table)} SET deleted_at = NULL, deleted_by = NULL, trash_batch_id = NULL WHERE tenant_id = $1 AND id = $2`,
      [ctx.tenant.id, m.record_id],
    )
    await ctx.tx.query('DELETE FROM core_trash_entry WHERE tenant_id = $1 AND record_id = $2', [
      ctx.tenant.id,
      m.record_id,
    ])
    await writeHistory(ctx, m.entity, m.record_id, 'restore', [])
    await ctx.emit(`${m.entity}.restored`, { entity: m.entity, id: m.record_id })
    count++
  }
  return count
}

/** Restores the batch the record heads (or the record alone when it is a child of another batch). */
export async function restoreFromTrash(
  ctx: RequestContext,
  entity: string,
  id: string,
  withParents: boolean,
) {
  await authorise(ctx, entity, id, 'restore')
  const entry = await entryOf(ctx, entity, id)
  const members = entry.root ? await batchMembers(ctx, entry.batch_id) : [entry]
  const restored = await restoreMembers(ctx, members, withParents, new Set([entry.batch_id]))
  return { restored }
}

/** Deletes for good: the batch the record heads, children first; references from elsewhere are cleared. */
export async function purgeFromTrash(
  ctx: RequestContext,
  entity: string,
  id: string,
  opts: { system?: boolean } = {},
) {
  if (!opts.system) await authorise(ctx, entity, id, 'purge')
  const entry = await entryOf(ctx, entity, id)
  const members = entry.root ? await batchMembers(ctx, entry.batch_id) : [entry]
  return { purged: await purgeMembers(ctx, members) }
}

/** Purges batches older than the tenant's retention (days). */
export async function purgeExpired(ctx: RequestContext, retentionDays: number): Promise<number> {
  const batches = await ctx.tx.query<{ batch_id: string }>(
    `SELECT DISTINCT batch_id FROM core_trash_entry WHERE tenant_id = $1 AND deleted_at < now() - make_interval(days => $2::int)`,
    [ctx.tenant.id, retentionDays],
  )
  let n = 0
  for (const b of batches) {
    try {
      n += await purgeMembers(ctx, await batchMembers(ctx, b.batch_id))
    } catch (e) {
      // Refused before writing anything (records still need it): kept until they are gone.
      if (!(e instanceof ConflictError)) throw e
    }
  }
  return n
}
