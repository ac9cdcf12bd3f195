/**
 * The tenant's users as administrators manage them: listed with their roles and teams, created (with a
 * password, or invited by e-mail to choose one), edited (a change of rights ends their sessions),
 * deactivated (their sessions, API tokens and reset links die at once) and reactivated. The last active administrator cannot be demoted or removed.
 * @module
 */
import { checkPasswordPolicy, hashPassword } from '../auth/password'
import { createResetToken, INVITE_TTL_MS } from '../auth/password-reset'
import { deleteUserSessions } from '../auth/sessions'
import { uuidv7 } from '../db/uuid'
import { f } from '../entity/fields'
import { isUuid, validateRecord } from '../entity/validate'
import { ConflictError, type FieldError, NotFoundError, ValidationError } from '../errors'
import type { RequestContext } from '../records/context'
import { iso } from '../records/entity-model'
import { readIdList } from './id-list'
import { sendInvitation } from './invitation'

const FIELDS = {
  email: f.email({ required: true }),
  name: f.text({ required: true, maxLength: 200 }),
  locale: f.select({ options: ['fr', 'en'] }),
  isAdmin: f.boolean(),
}

const SELECT = `SELECT u.id, u.email, u.name, u.locale, u.is_admin, u.status, u.created_at, u.last_login_at,
  (u.password_hash IS NULL) AS invited,
  (SELECT coalesce(json_agg(json_build_object('id', r.id, 'name', r.name) ORDER BY r.name), '[]'::json)
     FROM core_user_role ur JOIN core_role r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id
     WHERE ur.tenant_id = u.tenant_id AND ur.user_id = u.id) AS roles,
  (SELECT coalesce(json_agg(json_build_object('id', t.id, 'name', t.name) ORDER BY t.name), '[]'::json)
     FROM core_team_member m JOIN core_team t ON t.tenant_id = m.tenant_id AND t.id = m.team_id
     WHERE m.tenant_id = u.tenant_id AND m.user_id = u.id) AS teams
  FROM core_user u`

function view(r: any) {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    locale: r.locale,
    isAdmin: r.is_admin,
    status: r.status,
    invited: r.invited,
    createdAt: iso(r.created_at),
    lastLoginAt: iso(r.last_login_at),
    roles: r.roles as { id: string; name: string }[],
    teams: r.teams as { id: string; name: string }[],
  }
}

export type UserView = ReturnType<typeof view>

export async function listUsers(ctx: RequestContext, status?: string): Promise<UserView[]> {
  const rows = await ctx.tx.query(
    `${SELECT} WHERE u.tenant_id = $1 AND ($2::text IS NULL OR u.status = $2) ORDER BY lower(u.name), u.id`,
    [ctx.tenant.id, status ?? null],
  )
  return rows.map(view)
}

export async function getUser(ctx: RequestContext, id: string): Promise<UserView> {
  const [row] = isUuid(id)
    ? await ctx.tx.query(`${SELECT} WHERE u.tenant_id = $1 AND u.id = $2`, [ctx.tenant.id, id])
    : []
  if (!row) throw new NotFoundError()
  return view(row)
}

async function checkEmail(ctx: RequestContext, email: unknown, selfId: string | null, errors: FieldError[]) {
  if (typeof email !== 'string') return
  const taken = await ctx.tx.query(
    'SELECT 1 FROM core_user WHERE tenant_id = $1 AND lower(email) = $2 AND id <> $3',
    [ctx.tenant.id, email, selfId ?? '00000000-0000-0000-0000-000000000000'],
  )
  if (taken.length) errors.push({ path: 'email', code: 'unique' })
}

async function setMemberships(ctx: RequestContext, userId: string, roles?: string[], teams?: string[]) {
  const t = ctx.tenant.id
  if (roles) {
    await ctx.tx.query('DELETE FROM core_user_role WHERE tenant_id = $1 AND user_id = $2', [t, userId])
    for (const r of roles)
      await ctx.tx.query('INSERT INTO core_user_role (tenant_id, user_id, role_id) VALUES ($1, $2, $3)', [
        t,
        userId,
        r,
      ])
  }
  if (teams) {
    await ctx.tx.query('DELETE FROM core_team_member WHERE tenant_id = $1 AND user_id = $2', [t, userId])
    for (const m of teams)
      await ctx.tx.query('INSERT INTO core_team_member (tenant_id, team_id, user_id) VALUES ($1, $2, $3)', [
        t,
        m,
        userId,
      ])
  }
}

export async function createUser(ctx: RequestContext, body: Record<string, unknown>): Promise<UserView> {
  const input = validateRecord(FIELDS, body, { allowExtra: ['password', 'roles', 'teams'] })
  const errors = input.errors
  const roles = await readIdList(ctx, body, 'roles', 'role', errors)
  const teams = await readIdList(ctx, body, 'teams', 'team', errors)
  await checkEmail(ctx, input.values.email, null, errors)
  let password: string | undefined
  if (body.password !== undefined && body.password !== null && body.password !== '') {
    try {
      password = checkPasswordPolicy(body.password)
    } catch (e) {
      errors.push(...(e as ValidationError).errors)
    }
  }
  if (errors.length) throw new ValidationError(errors)
  const v = input.values as { email: string; name: string; locale: string | null; isAdmin: boolean }
  const id = uuidv7()
  await ctx.tx.query(
    `INSERT INTO core_user (tenant_id, id, email, name, password_hash, locale, is_admin, password_changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      ctx.tenant.id,
      id,
      v.email,
      v.name,
      password ? await hashPassword(password) : null,
      v.locale ?? ctx.tenant.locale,
      v.isAdmin,
      password ? ctx.core.now().toISOString() : null,
    ],
  )
  await setMemberships(ctx, id, roles, teams)
  const user = await getUser(ctx, id)
  await ctx.audit('user.created', {
    user: id,
    email: v.email,
    isAdmin: v.isAdmin,
    roles: user.roles.map((r) => r.name),
    invited: !password,
  })
  if (!password) {
    const token = await createResetToken(
      ctx.tx,
      ctx.tenant.id,
      id,
      new Date(ctx.core.now().getTime() + INVITE_TTL_MS),
    )
    await sendInvitation(ctx, user, token)
  }
  return user
}

/**
 * After a change of rights (admin flag, roles, teams), the users' sessions end: they sign in again and
 * start a session opened under their new rights. The administrator's own current session is kept when
 * they change their own rights. API tokens stay valid: every request reads the user's current rights,
 * so a token acts with them at once.
 */
export async function endSessionsOnRightsChange(
  ctx: RequestContext,
  userIds: Iterable<string>,
): Promise<void> {
  for (const id of new Set(userIds)) {
    const keep = id === ctx.user.id ? ctx.auth?.sessionId : undefined
    await deleteUserSessions(ctx.tx, ctx.tenant.id, id, keep)
  }
}

async function assertOtherAdmin(ctx: RequestContext, userId: string) {
  const [r] = await ctx.tx.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM core_user WHERE tenant_id = $1 AND id <> $2 AND is_admin AND status = 'active'",
    [ctx.tenant.id, userId],
  )
  if (!r.n) throw new ConflictError('last-admin', 'The workspace needs at least one active administrator')
}

export async function updateUser(
  ctx: RequestContext,
  id: string,
  body: Record<string, unknown>,
): Promise<UserView> {
  const before = await getUser(ctx, id)
  const input = validateRecord(FIELDS, body, { partial: true, allowExtra: ['roles', 'teams'] })
  const errors = input.errors
  const roles = await readIdList(ctx, body, 'roles', 'role', errors)
  const teams = await readIdList(ctx, body, 'teams', 'team', errors)
  await checkEmail(ctx, input.values.email, id, errors)
  if (errors.length) throw new ValidationError(errors)
  const v = input.values as { email?: string; name?: string; locale?: string | null; isAdmin?: boolean }
  if (before.isAdmin && v.isAdmin === false && before.status === 'active') await assertOtherAdmin(ctx, id)
  await ctx.tx.query(
    `UPDATE core_user SET email = coalesce($3, email), name = coalesce($4, name), locale = coalesce($5, locale),
       is_admin = coalesce($6, is_admin), version = version + 1
     WHERE tenant_id = $1 AND id = $2`,
    [ctx.tenant.id, id, v.email ?? null, v.name ?? null, v.locale ?? null, v.isAdmin ?? null],
  )
  await setMemberships(ctx, id, roles, teams)
  const after = await getUser(ctx, id)
  const changed = Object.keys(v).filter(
    (k) => JSON.stringify((v as any)[k]) !== JSON.stringify((before as any)[k]),
  )
  const names = (x: { name: string }[]) => x.map((r) => r.name)
  const rightsChanged =
    before.isAdmin !== after.isAdmin ||
    JSON.stringify(names(before.roles)) !== JSON.stringify(names(after.roles)) ||
    JSON.stringify(names(before.teams)) !== JSON.stringify(names(after.teams))
  if (changed.length) await ctx.audit('user.updated', { user: id, changed })
  if (rightsChanged) {
    await endSessionsOnRightsChange(ctx, [id])
    await ctx.audit('user.rights.changed', {
      user: id,
      before: { isAdmin: before.isAdmin, roles: names(before.roles), teams: names(before.teams) },
      after: { isAdmin: after.isAdmin, roles: names(after.roles), teams: names(after.teams) },
    })
  }
  return after
}

/** Deactivates (ending every way in: sessions, API tokens, reset links) or reactivates a user. */
export async function setUserStatus(
  ctx: RequestContext,
  id: string,
  status: 'active' | 'inactive',
): Promise<UserView> {
  const before = await getUser(ctx, id)
  if (status === 'inactive') {
    if (id === ctx.user.id)
      throw new ConflictError('self-deactivation', 'You cannot deactivate your own account')
    if (before.isAdmin) await assertOtherAdmin(ctx, id)
    const now = ctx.core.now().toISOString()
    await deleteUserSessions(ctx.tx, ctx.tenant.id, id)
    await ctx.tx.query(
      'UPDATE core_api_token SET revoked_at = $3 WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL',
      [ctx.tenant.id, id, now],
    )
    await ctx.tx.query(
      'UPDATE core_password_reset SET used_at = $3 WHERE tenant_id = $1 AND user_id = $2 AND used_at IS NULL',
      [ctx.tenant.id, id, now],
    )
  }
  await ctx.tx.query(
    'UPDATE core_user SET status = $3, version = version + 1 WHERE tenant_id = $1 AND id = $2',
    [ctx.tenant.id, id, status],
  )
  if (before.status !== status)
    await ctx.audit(status === 'inactive' ? 'user.deactivated' : 'user.activated', {
      user: id,
      email: before.email,
    })
  return getUser(ctx, id)
}
