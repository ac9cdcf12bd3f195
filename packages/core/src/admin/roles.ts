/**
 * Roles: a name, grants (`<permission key>` → scope) and field rules (`<ref>.<field>` → hidden or
 * read-only). A user's rights are the union of their roles'. Every change is audited with what it changed.
 * @module
 */
import { uuidv7 } from '../db/uuid'
import { f } from '../entity/fields'
import { isUuid, validateRecord } from '../entity/validate'
import { ConflictError, type FieldError, NotFoundError, ValidationError } from '../errors'
import type { RequestContext } from '../records/context'
import { iso } from '../records/entity-model'
import { readFieldRules, readGrants } from './role-input'

const FIELDS = { name: f.text({ required: true, maxLength: 100 }) }

const SELECT = `SELECT r.id, r.name, r.template, r.grants, r.fields, r.created_at, r.updated_at,
  (SELECT count(*)::int FROM core_user_role ur WHERE ur.tenant_id = r.tenant_id AND ur.role_id = r.id) AS users
  FROM core_role r`

function view(r: any) {
  return {
    id: r.id,
    name: r.name,
    template: r.template,
    grants: r.grants as Record<string, string>,
    fields: r.fields as Record<string, string>,
    users: r.users as number,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  }
}

export type RoleView = ReturnType<typeof view>

export async function listRoles(ctx: RequestContext): Promise<RoleView[]> {
  return (
    await ctx.tx.query(`${SELECT} WHERE r.tenant_id = $1 ORDER BY lower(r.name), r.id`, [ctx.tenant.id])
  ).map(view)
}

export async function getRole(ctx: RequestContext, id: string): Promise<RoleView> {
  const [row] = isUuid(id)
    ? await ctx.tx.query(`${SELECT} WHERE r.tenant_id = $1 AND r.id = $2`, [ctx.tenant.id, id])
    : []
  if (!row) throw new NotFoundError()
  return view(row)
}

async function checkName(ctx: RequestContext, name: unknown, selfId: string | null, errors: FieldError[]) {
  if (typeof name !== 'string') return
  const taken = await ctx.tx.query(
    'SELECT 1 FROM core_role WHERE tenant_id = $1 AND name = $2 AND id <> $3',
    [ctx.tenant.id, name, selfId ?? '00000000-0000-0000-0000-000000000000'],
  )
  if (taken.length) errors.push({ path: 'name', code: 'unique' })
}

async function readBody(ctx: RequestContext, body: Record<string, unknown>, selfId: string | null) {
  const input = validateRecord(FIELDS, body, { partial: !!selfId, allowExtra: ['grants', 'fields'] })
  const grants = readGrants(ctx, body.grants, input.errors)
  const fields = await readFieldRules(ctx, body.fields, input.errors)
  await checkName(ctx, input.values.name, selfId, input.errors)
  if (input.errors.length) throw new ValidationError(input.errors)
  return { name: input.values.name as string | undefined, grants, fields }
}

/** What changed in a key → value map, as `{ key: { before, after } }`. */
function diff(before: Record<string, string>, after: Record<string, string>) {
  const out: Record<string, { before: string | null; after: string | null }> = {}
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[k] !== after[k]) out[k] = { before: before[k] ?? null, after: after[k] ?? null }
  }
  return out
}

export async function createRole(ctx: RequestContext, body: Record<string, unknown>): Promise<RoleView> {
  const input = await readBody(ctx, body, null)
  const id = uuidv7()
  await ctx.tx.query(
    'INSERT INTO core_role (tenant_id, id, name, grants, fields) VALUES ($1, $2, $3, $4::text::jsonb, $5::text::jsonb)',
    [ctx.tenant.id, id, input.name, JSON.stringify(input.grants ?? {}), JSON.stringify(input.fields ?? {})],
  )
  const role = await getRole(ctx, id)
  await ctx.audit('role.created', { role: id, name: role.name, grants: role.grants, fields: role.fields })
  return role
}

export async function updateRole(
  ctx: RequestContext,
  id: string,
  body: Record<string, unknown>,
): Promise<RoleView> {
  const before = await getRole(ctx, id)
  const input = await readBody(ctx, body, id)
  await ctx.tx.query(
    `UPDATE core_role SET name = coalesce($3, name), grants = coalesce($4::text::jsonb, grants),
       fields = coalesce($5::text::jsonb, fields), updated_at = now()
     WHERE tenant_id = $1 AND id = $2`,
    [
      ctx.tenant.id,
      id,
      input.name ?? null,
      input.grants ? JSON.stringify(input.grants) : null,
      input.fields ? JSON.stringify(input.fields) : null,
    ],
  )
  const after = await getRole(ctx, id)
  const grants = diff(before.grants, after.grants)
  const fields = diff(before.fields, after.fields)
  if (before.name !== after.name || Object.keys(grants).length || Object.keys(fields).length) {
    await ctx.audit('role.updated', {
      role: id,
      name: after.name,
      ...(before.name !== after.name ? { renamedFrom: before.name } : {}),
      grants,
      fields,
    })
  }
  return after
}

/** Refused while users hold the role: taking rights away happens by editing users, visibly. */
export async function deleteRole(ctx: RequestContext, id: string): Promise<void> {
  const role = await getRole(ctx, id)
  if (role.users > 0) {
    throw new ConflictError('role-in-use', `${role.users} user(s) still have this role`, {
      users: role.users,
    })
  }
  await ctx.tx.query('DELETE FROM core_role WHERE tenant_id = $1 AND id = $2', [ctx.tenant.id, id])
  await ctx.audit('role.deleted', { role: id, name: role.name, grants: role.grants, fields: role.fields })
}
