/**
 * Teams: named groups of users. A role's `team` scope reaches the records owned by anyone sharing a team
 * with the user, so membership changes are rights changes: audited, and the members who joined or left
 * sign in again.
 * @module
 */
import { uuidv7 } from '../db/uuid'
import { f } from '../entity/fields'
import { isUuid, validateRecord } from '../entity/validate'
import { type FieldError, NotFoundError, ValidationError } from '../errors'
import type { RequestContext } from '../records/context'
import { iso } from '../records/entity-model'
import { readIdList } from './id-list'
import { endSessionsOnRightsChange } from './users'

const FIELDS = { name: f.text({ required: true, maxLength: 100 }) }

const SELECT = `SELECT t.id, t.name, t.created_at,
  (SELECT coalesce(json_agg(json_build_object('id', u.id, 'name', u.name, 'email', u.email) ORDER BY lower(u.name), u.id), '[]'::json)
     FROM core_team_member m JOIN core_user u ON u.tenant_id = m.tenant_id AND u.id = m.user_id
     WHERE m.tenant_id = t.tenant_id AND m.team_id = t.id) AS members
  FROM core_team t`

function view(r: any) {
  return {
    id: r.id,
    name: r.name,
    createdAt: iso(r.created_at),
    members: r.members as { id: string; name: string; email: string }[],
  }
}

export type TeamView = ReturnType<typeof view>

export async function listTeams(ctx: RequestContext): Promise<TeamView[]> {
  const rows = await ctx.tx.query(`${SELECT} WHERE t.tenant_id = $1 ORDER BY lower(t.name), t.id`, [
    ctx.tenant.id,
  ])
  return rows.map(view)
}

export async function getTeam(ctx: RequestContext, id: string): Promise<TeamView> {
  const [row] = isUuid(id)
    ? await ctx.tx.query(`${SELECT} WHERE t.tenant_id = $1 AND t.id = $2`, [ctx.tenant.id, id])
    : []
  if (!row) throw new NotFoundError()
  return view(row)
}

async function checkName(ctx: RequestContext, name: unknown, selfId: string | null, errors: FieldError[]) {
  if (typeof name !== 'string') return
  const taken = await ctx.tx.query(
    'SELECT 1 FROM core_team WHERE tenant_id = $1 AND name = $2 AND id <> $3',
    [ctx.tenant.id, name, selfId ?? '00000000-0000-0000-0000-000000000000'],
  )
  if (taken.length) errors.push({ path: 'name', code: 'unique' })
}

async function setMembers(ctx: RequestContext, teamId: string, members: string[]) {
  await ctx.tx.query('DELETE FROM core_team_member WHERE tenant_id = $1 AND team_id = $2', [
    ctx.tenant.id,
    teamId,
  ])
  for (const m of members) {
    await ctx.tx.query('INSERT INTO core_team_member (tenant_id, team_id, user_id) VALUES ($1, $2, $3)', [
      ctx.tenant.id,
      teamId,
      m,
    ])
  }
}

/** Audits a change of members; those who joined or left sign in again under their new rights. */
async function auditMembers(ctx: RequestContext, before: TeamView | null, after: TeamView) {
  const ids = (t: TeamView | null) => new Set((t?.members ?? []).map((m) => m.id))
  const [was, is] = [ids(before), ids(after)]
  await endSessionsOnRightsChange(ctx, [
    ...[...was].filter((m) => !is.has(m)),
    ...[...is].filter((m) => !was.has(m)),
  ])
  const names = (t: TeamView | null) => (t?.members ?? []).map((m) => m.name)
  if (JSON.stringify(names(before)) === JSON.stringify(names(after))) return
  await ctx.audit('team.members.changed', {
    team: after.id,
    name: after.name,
    before: names(before),
    after: names(after),
  })
}

export async function createTeam(ctx: RequestContext, body: Record<string, unknown>): Promise<TeamView> {
  const input = validateRecord(FIELDS, body, { allowExtra: ['members'] })
  const members = await readIdList(ctx, body, 'members', 'user', input.errors)
  await checkName(ctx, input.values.name, null, input.errors)
  if (input.errors.length) throw new ValidationError(input.errors)
  const id = uuidv7()
  await ctx.tx.query('INSERT INTO core_team (tenant_id, id, name) VALUES ($1, $2, $3)', [
    ctx.tenant.id,
    id,
    input.values.name,
  ])
  await setMembers(ctx, id, members ?? [])
  const team = await getTeam(ctx, id)
  await ctx.audit('team.created', { team: id, name: team.name })
  await auditMembers(ctx, null, team)
  return team
}

export async function updateTeam(
  ctx: RequestContext,
  id: string,
  body: Record<string, unknown>,
): Promise<TeamView> {
  const before = await getTeam(ctx, id)
  const input = validateRecord(FIELDS, body, { partial: true, allowExtra: ['members'] })
  const members = await readIdList(ctx, body, 'members', 'user', input.errors)
  await checkName(ctx, input.values.name, id, input.errors)
  if (input.errors.length) throw new ValidationError(input.errors)
  if (input.values.name) {
    await ctx.tx.query('UPDATE core_team SET name = $3 WHERE tenant_id = $1 AND id = $2', [
      ctx.tenant.id,
      id,
      input.values.name,
    ])
  }
  if (members) await setMembers(ctx, id, members)
  const after = await getTeam(ctx, id)
  if (before.name !== after.name)
    await ctx.audit('team.updated', { team: id, before: before.name, after: after.name })
  await auditMembers(ctx, before, after)
  return after
}

export async function deleteTeam(ctx: RequestContext, id: string): Promise<void> {
  const before = await getTeam(ctx, id)
  await ctx.tx.query('DELETE FROM core_team_member WHERE tenant_id = $1 AND team_id = $2', [
    ctx.tenant.id,
    id,
  ])
  await ctx.tx.query('DELETE FROM core_team WHERE tenant_id = $1 AND id = $2', [ctx.tenant.id, id])
  await endSessionsOnRightsChange(
    ctx,
    before.members.map((m) => m.id),
  )
  await ctx.audit('team.deleted', { team: id, name: before.name, members: before.members.map((m) => m.name) })
}

/** Adds or removes one member. */
export async function changeMember(
  ctx: RequestContext,
  id: string,
  userId: unknown,
  add: boolean,
): Promise<TeamView> {
  const before = await getTeam(ctx, id)
  const errors: FieldError[] = []
  const [user] = (await readIdList(ctx, { userId: [userId] }, 'userId', 'user', errors)) ?? []
  if (errors.length) {
    if (!add) throw new NotFoundError()
    throw new ValidationError([{ path: 'userId', code: errors[0].code }])
  }
  if (add) {
    await ctx.tx.query(
      'INSERT INTO core_team_member (tenant_id, team_id, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [ctx.tenant.id, id, user],
    )
  } else {
    const gone = await ctx.tx.query(
      'DELETE FROM core_team_member WHERE tenant_id = $1 AND team_id = $2 AND user_id = $3 RETURNING user_id',
      [ctx.tenant.id, id, user],
    )
    if (!gone.length) throw new NotFoundError()
  }
  const after = await getTeam(ctx, id)
  await auditMembers(ctx, before, after)
  return after
}
