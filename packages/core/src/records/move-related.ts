/**
 * Hands what hangs on one record over to others, in the caller's transaction: when a lead becomes a
 * contact, its many-to-many links, the records filed under it (a `parent` field: notes, activities),
 * its history and its files follow. Targets are tried in order: each link or child goes to the first
 * target that may hold it, the history and the files to the first target.
 *
 * Links and children are moved (the source no longer has them); history entries and file references are
 * copied, so the source keeps its own trail. This is a system operation: the caller checks the user's
 * right to do it (e.g. the lead's convert permission) before calling.
 * @module
 */
import { uuidv7 } from '../db/uuid'
import type { EntityDef } from '../entity/define-entity'
import { columnsOf } from '../entity/columns'
import { ident } from '../entity/naming'
import type { ResolvedEntity } from '../plugin/registry'
import type { RequestContext } from './context'

export interface RecordRef {
  entity: string
  id: string
}

export interface MoveRelatedResult {
  /** Links re-pointed to a target. */
  links: number
  /** Links no target can hold: they stay on the source. */
  linksKept: number
  /** Records whose `parent` field now points to a target. */
  children: number
  /** History entries copied onto the first target. */
  history: number
  /** File references copied onto the first target. */
  files: number
}

interface LinkRow {
  id: string
  kind: string
  from_entity: string
  from_id: string
  to_entity: string
  to_id: string
  role: string | null
  trash_batch_id: string | null
}

type LinkDef = NonNullable<EntityDef['links']>[number]

function entityOf(ctx: RequestContext, ref: string): ResolvedEntity | undefined {
  const e = ctx.core.registry.entities.get(ref)
  return e && ctx.enabled.has(e.plugin) ? e : undefined
}

/** The link definition of `owner` that can join it to `other`, preferring the same kind name. */
function linkTo(owner: ResolvedEntity | undefined, other: string, kind?: string): LinkDef | undefined {
  const links = (owner?.links ?? []).filter((l) => l.target === other)
  return links.find((l) => l.kind === kind) ?? links[0]
}

async function moveLinks(ctx: RequestContext, from: RecordRef, targets: RecordRef[]) {
  const rows = await ctx.tx.query<LinkRow>(
    `SELECT id, kind, from_entity, from_id, to_entity, to_id, role, trash_batch_id FROM core_link
     WHERE tenant_id = $1 AND ((from_entity = $2 AND from_id = $3) OR (to_entity = $2 AND to_id = $3))`,
    [ctx.tenant.id, from.entity, from.id],
  )
  let moved = 0
  for (const row of rows) {
    const outgoing = row.from_entity === from.entity && row.from_id === from.id
    const kindName = row.kind.slice(row.from_entity.length + 1)
    let next: { kind: string; fromEntity: string; fromId: string; toEntity: string; toId: string } | null =
      null
    let def: LinkDef | undefined
    for (const t of targets) {
      if (outgoing) {
        def = linkTo(entityOf(ctx, t.entity), row.to_entity, kindName)
        if (def)
          next = {
            kind: `${t.entity}.${def.kind}`,
            fromEntity: t.entity,
            fromId: t.id,
            toEntity: row.to_entity,
            toId: row.to_id,
          }
      } else {
        def = linkTo(entityOf(ctx, row.from_entity), t.entity)
        if (def)
          next = {
            kind: `${row.from_entity}.${def.kind}`,
            fromEntity: row.from_entity,
            fromId: row.from_id,
            toEntity: t.entity,
            toId: t.id,
          }
      }
      if (next) break
    }
    if (!next || !def) continue
    const role =
      row.role !== null && (!def.roleOptions || def.roleOptions.includes(row.role)) ? row.role : null
    await ctx.tx.query('DELETE FROM core_link WHERE tenant_id = $1 AND id = $2', [ctx.tenant.id, row.id])
    await ctx.tx.query(
      `INSERT INTO core_link
         (tenant_id, id, kind, from_entity, from_id, to_entity, to_id, role, created_by, trash_batch_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (tenant_id, kind, from_id, to_id) DO NOTHING`,
      [
        ctx.tenant.id,
        uuidv7(),
        next.kind,
        next.fromEntity,
        next.fromId,
        next.toEntity,
        next.toId,
        role,
        ctx.user.id,
        row.trash_batch_id,
      ],
    )
    await ctx.emit('core.link.deleted', { kind: row.kind, fromId: row.from_id, toId: row.to_id })
    await ctx.emit('core.link.created', { kind: next.kind, fromId: next.fromId, toId: next.toId, role })
    moved++
  }
  return { moved, kept: rows.length - moved }
}

async function historyEntry(
  ctx: RequestContext,
  entity: string,
  id: string,
  changes: unknown,
  note: unknown,
) {
  await ctx.tx.query(
    `INSERT INTO core_history (tenant_id, id, entity, record_id, actor_id, action, changes, note)
     VALUES ($1, $2, $3, $4, $5, 'update', $6::text::jsonb, $7::text::jsonb)`,
    [ctx.tenant.id, uuidv7(), entity, id, ctx.user.id, JSON.stringify(changes), JSON.stringify(note)],
  )
}

async function moveChildren(ctx: RequestContext, from: RecordRef, targets: RecordRef[], note: object) {
  let moved = 0
  for (const e of ctx.core.registry.entities.values()) {
    if (!ctx.enabled.has(e.plugin)) continue
    for (const [name, def] of Object.entries(e.fields)) {
      if (def.type !== 'parent') continue
      const allowed = (ref: string) => !def.targets.length || def.targets.includes(ref)
      if (!allowed(from.entity)) continue
      const target = targets.find((t) => allowed(t.entity) && entityOf(ctx, t.entity))
      if (!target) continue
      const [entityCol, idCol] = columnsOf(name, def).map((c) => ident(c.column))
      const rows = await ctx.tx.query<{ id: string }>(
        `UPDATE ${ident(e.table)} SET ${entityCol} = $4, ${idCol} = $5, updated_at = now(), updated_by = $6,
           version = version + 1
         WHERE tenant_id = $1 AND ${entityCol} = $2 AND ${idCol} = $3 RETURNING id`,
        [ctx.tenant.id, from.entity, from.id, target.entity, target.id, ctx.user.id],
      )
      for (const r of rows) {
        const change = { field: name, old: from, new: target }
        await historyEntry(ctx, e.ref, r.id, [change], note)
        await ctx.emit(`${e.ref}.updated`, { entity: e.ref, id: r.id, changed: [name] })
      }
      moved += rows.length
    }
  }
  return moved
}

async function copyHistory(ctx: RequestContext, from: RecordRef, target: RecordRef) {
  const rows = await ctx.tx.query<{
    at: unknown
    actor_id: string | null
    action: string
    changes: unknown
    note: unknown
  }>(
    `SELECT at, actor_id, action, changes, note FROM core_history
     WHERE tenant_id = $1 AND entity = $2 AND record_id = $3 ORDER BY at, id`,
    [ctx.tenant.id, from.entity, from.id],
  )
  for (const r of rows) {
    const note = { ...((r.note as object | null) ?? {}), movedFrom: from }
    await ctx.tx.query(
      `INSERT INTO core_history (tenant_id, id, entity, record_id, at, actor_id, action, changes, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9::text::jsonb)`,
      [
        ctx.tenant.id,
        uuidv7(),
        target.entity,
        target.id,
        r.at,
        r.actor_id,
        r.action,
        JSON.stringify(r.changes),
        JSON.stringify(note),
      ],
    )
  }
  return rows.length
}

/** File fields of an entity by where they live: an entity column, or a key of `custom`. */
function fileFields(e: ResolvedEntity) {
  const out = new Map<string, { column?: string; key?: string }>()
  for (const [name, def] of Object.entries(e.fields))
    if (def.type === 'file') out.set(`entity:${name}`, { column: columnsOf(name, def)[0].column })
  for (const x of Object.values(e.extFields))
    if (x.field.type === 'file') out.set(`ext:${x.key}`, { key: x.key })
  return out
}

/** Copies the source's files into the same file fields of the target, where the target has none yet. */
async function copyFiles(ctx: RequestContext, from: RecordRef, target: RecordRef) {
  const source = entityOf(ctx, from.entity)
  const dest = entityOf(ctx, target.entity)
  if (!source || !dest) return 0
  const mine = fileFields(source)
  const theirs = fileFields(dest)
  const [row] = await ctx.tx.query<Record<string, any>>(
    `SELECT * FROM ${ident(source.table)} WHERE tenant_id = $1 AND id = $2`,
    [ctx.tenant.id, from.id],
  )
  if (!row) return 0
  let copied = 0
  for (const [id, where] of mine) {
    const to = theirs.get(id)
    const file = where.column ? row[where.column] : row.custom?.[where.key!]
    if (!to || !file) continue
    const sql = to.column
      ? `UPDATE ${ident(dest.table)} SET ${ident(to.column)} = $3, version = version + 1
         WHERE tenant_id = $1 AND id = $2 AND ${ident(to.column)} IS NULL RETURNING id`
      : `UPDATE ${ident(dest.table)}
         SET custom = custom || jsonb_build_object($4::text, $3::text), version = version + 1
         WHERE tenant_id = $1 AND id = $2 AND coalesce(custom->>$4, '') = '' RETURNING id`
    const params = to.column ? [ctx.tenant.id, target.id, file] : [ctx.tenant.id, target.id, file, to.key]
    copied += (await ctx.tx.query(sql, params)).length
  }
  return copied
}

/**
 * Moves the links and children of `from` to the targets (in order of preference) and copies its history
 * and files onto the first target. `note` is stored on the history entries of moved children.
 */
export async function moveRelated(
  ctx: RequestContext,
  from: RecordRef,
  targets: RecordRef[],
  note: Record<string, unknown> = {},
): Promise<MoveRelatedResult> {
  if (!targets.length) return { links: 0, linksKept: 0, children: 0, history: 0, files: 0 }
  const links = await moveLinks(ctx, from, targets)
  const children = await moveChildren(ctx, from, targets, { ...note, movedFrom: from })
  const history = await copyHistory(ctx, from, targets[0])
  const files = await copyFiles(ctx, from, targets[0])
  return { links: links.moved, linksKept: links.kept, children, history, files }
}
