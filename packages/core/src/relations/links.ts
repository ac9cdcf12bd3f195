/**
 * Many-to-many links in core's one link table (`core_link`), declared by an entity's `links`
 * (a contact's other accounts, with a role). Both sides list them as related lists.
 * @module
 */
import { NotFoundError, ValidationError } from '../errors'
import { uuidv7 } from '../db/uuid'
import type { RecordsServiceImpl } from '../records/records-service'
import type { ListQuery, ListResult } from '../records/types'

interface ResolvedLink {
  /** Stored kind: `<from ref>.<kind>`. */
  stored: string
  fromRef: string
  toRef: string
  inverse: boolean
  roleOptions?: readonly string[]
}

export function resolveLink(svc: RecordsServiceImpl, kind: string): ResolvedLink {
  const own = svc.entity.links?.find((l) => l.kind === kind)
  if (own)
    return {
      stored: `${svc.ref}.${kind}`,
      fromRef: svc.ref,
      toRef: own.target,
      inverse: false,
      roleOptions: own.roleOptions,
    }
  const base = kind.replace(/\.inverse$/, '')
  for (const e of svc.ctx.core.registry.entities.values()) {
    const l = e.links?.find((x) => x.kind === base && x.target === svc.ref)
    if (l && svc.ctx.enabled.has(e.plugin))
      return {
        stored: `${e.ref}.${base}`,
        fromRef: e.ref,
        toRef: svc.ref,
        inverse: true,
        roleOptions: l.roleOptions,
      }
  }
  throw new NotFoundError('Unknown link')
}

export async function linkRecords(
  svc: RecordsServiceImpl,
  id: string,
  kind: string,
  targetId: string,
  role: string | null,
) {
  const { ctx } = svc
  const link = resolveLink(svc, kind)
  await svc.loadFor(id, 'update')
  const otherRef = link.inverse ? link.fromRef : link.toRef
  const other = ctx.records(otherRef) as RecordsServiceImpl
  other.assertGranted('read')
  if (!(await other.row(targetId)))
    throw new ValidationError([{ path: 'target', code: 'reference_not_found' }])
  if (role !== null && link.roleOptions && !link.roleOptions.includes(role))
    throw new ValidationError([{ path: 'role', code: 'invalid_option' }])
  const [fromId, toId] = link.inverse ? [targetId, id] : [id, targetId]
  await ctx.tx.query(
    `INSERT INTO core_link (tenant_id, id, kind, from_entity, from_id, to_entity, to_id, role, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (tenant_id, kind, from_id, to_id) DO UPDATE SET role = EXCLUDED.role`,
    [ctx.tenant.id, uuidv7(), link.stored, link.fromRef, fromId, link.toRef, toId, role, ctx.user.id],
  )
  await ctx.emit('core.link.created', { kind: link.stored, fromId, toId, role })
}

export async function unlinkRecords(svc: RecordsServiceImpl, id: string, kind: string, targetId: string) {
  const link = resolveLink(svc, kind)
  await svc.loadFor(id, 'update')
  const [fromId, toId] = link.inverse ? [targetId, id] : [id, targetId]
  const rows = await svc.ctx.tx.query(
    'DELETE FROM core_link WHERE tenant_id = $1 AND kind = $2 AND from_id = $3 AND to_id = $4 RETURNING id',
    [svc.ctx.tenant.id, link.stored, fromId, toId],
  )
  if (!rows.length) throw new NotFoundError('Link not found')
  await svc.ctx.emit('core.link.deleted', { kind: link.stored, fromId, toId })
}

export async function relatedByLink(
  svc: RecordsServiceImpl,
  target: RecordsServiceImpl,
  id: string,
  via: string,
  query: ListQuery,
): Promise<ListResult> {
  const kind = via.replace(/^link:/, '').replace(/:inverse$/, '')
  const inverse = via.endsWith(':inverse')
  const link = resolveLink(svc, inverse ? `${kind}.inverse` : kind)
  const [mine, theirs] = link.inverse ? ['to_id', 'from_id'] : ['from_id', 'to_id']
  const result = await target.list(query, (p) => [
    `t.id IN (SELECT l.${theirs} FROM core_link l WHERE l.tenant_id = ${p.add(svc.ctx.tenant.id)} AND l.kind = ${p.add(link.stored)} AND l.${mine} = ${p.add(id)})`,
  ])
  if (result.data.length) {
    const roles = await svc.ctx.tx.query<{ other: string; role: string | null }>(
      `SELECT ${theirs} AS other, role FROM core_link WHERE tenant_id = $1 AND kind = $2 AND ${mine} = $3 AND ${theirs} = ANY($4::uuid[])`,
      [svc.ctx.tenant.id, link.stored, id, result.data.map((r) => r.id)],
    )
    const byId = new Map(roles.map((r) => [r.other, r.role]))
    for (const r of result.data) r._linkRole = byId.get(r.id) ?? null
  }
  return result
}
