/**
 * Password reset and first-password invitations: a single-use secret whose SHA-256 is stored in
 * `core_password_reset`, mailed as a link; confirming it sets the password and ends every session.
 * Requests answer the same whether or not the account exists, and are capped per e-mail address.
 * @module
 */
import type { Queryable } from '../db/database'
import { ValidationError } from '../errors'
import type { Locale } from '../plugin/define-plugin'
import type { Core } from '../server/core'
import { readMailSettings } from '../settings/mail-settings'
import { sendAccountMail } from './account-mail'
import { checkPasswordPolicy, hashPassword } from './password'
import { deleteUserSessions } from './sessions'
import { countUse } from './throttle'
import { generateSecret, hashSecret } from './tokens'

export const RESET_TTL_MS = 3_600_000
export const INVITE_TTL_MS = 7 * 86_400_000
/** Reset e-mails per address within the throttling window; more are silently dropped. */
const RESET_QUOTA = 5

export async function createResetToken(
  tx: Queryable,
  tenantId: string,
  userId: string,
  expiresAt: Date,
): Promise<string> {
  const token = generateSecret()
  await tx.query(
    'INSERT INTO core_password_reset (tenant_id, id, user_id, expires_at) VALUES ($1, $2, $3, $4)',
    [tenantId, hashSecret(token), userId, expiresAt.toISOString()],
  )
  return token
}

interface Account {
  user_id: string
  name: string
  email: string
  locale: Locale
  tenant_id: string
  tenant_name: string
}

/** Mails a reset link to every active account of `email` (in `tenant` only, when given). */
export async function requestPasswordReset(
  core: Core,
  input: { email: string; tenant?: string },
  meta: { ip?: string },
): Promise<void> {
  const email = input.email.trim().toLowerCase()
  if ((await countUse(core, `reset:${email}`)) > RESET_QUOTA) return
  const accounts = await core.db.system((tx) =>
    tx.query<Account>(
      `SELECT u.id AS user_id, u.name, u.email, u.locale, t.id AS tenant_id, t.name AS tenant_name
       FROM core_user u JOIN core_tenant t ON t.id = u.tenant_id
       WHERE lower(u.email) = $1 AND u.status = 'active' AND t.status = 'active' AND ($2::text IS NULL OR t.slug = $2)
       ORDER BY t.slug LIMIT 20`,
      [email, input.tenant ?? null],
    ),
  )
  for (const a of accounts) {
    await core.withTenant(
      a.tenant_id,
      async (ctx) => {
        const token = await createResetToken(
          ctx.tx,
          a.tenant_id,
          a.user_id,
          new Date(core.now().getTime() + RESET_TTL_MS),
        )
        const settings = await readMailSettings(ctx)
        await ctx.audit('password.reset.requested')
        const mail = {
          kind: 'reset' as const,
          to: a.email,
          name: a.name,
          tenantName: a.tenant_name,
          token,
          locale: a.locale,
        }
        // One account's mail failing must not keep the others' from being sent.
        ctx.afterCommit(() => sendAccountMail(core, settings, mail).catch((e) => console.error(e)))
      },
      { userId: a.user_id, ip: meta.ip },
    )
  }
}

const INVALID = () => new ValidationError([{ path: 'token', code: 'invalid_token' }])

/** Sets the password of the link's account; the link then stops working and every session ends. */
export async function confirmPasswordReset(
  core: Core,
  input: { token: unknown; password: unknown },
  meta: { ip?: string },
): Promise<void> {
  if (typeof input.token !== 'string' || !/^[a-z2-7]{32}$/.test(input.token)) throw INVALID()
  const password = checkPasswordPolicy(input.password)
  const id = hashSecret(input.token)
  const [r] = await core.db.system((tx) =>
    tx.query<{ tenant_id: string; user_id: string }>(
      `SELECT p.tenant_id, p.user_id FROM core_password_reset p
       JOIN core_user u ON u.tenant_id = p.tenant_id AND u.id = p.user_id AND u.status = 'active'
       JOIN core_tenant t ON t.id = p.tenant_id AND t.status = 'active'
       WHERE p.id = $1 AND p.used_at IS NULL AND p.expires_at > $2`,
      [id, core.now().toISOString()],
    ),
  )
  if (!r) throw INVALID()
  const hash = await hashPassword(password)
  await core.withTenant(
    r.tenant_id,
    async (ctx) => {
      const now = core.now().toISOString()
      // Claiming the token in the same statement that checks it keeps it single-use under concurrency.
      const claimed = await ctx.tx.query(
        'UPDATE core_password_reset SET used_at = $3 WHERE tenant_id = $1 AND id = $2 AND used_at IS NULL RETURNING id',
        [r.tenant_id, id, now],
      )
      if (!claimed.length) throw INVALID()
      await ctx.tx.query(
        'UPDATE core_password_reset SET used_at = $3 WHERE tenant_id = $1 AND user_id = $2 AND used_at IS NULL',
        [r.tenant_id, r.user_id, now],
      )
      await ctx.tx.query(
        'UPDATE core_user SET password_hash = $3, password_changed_at = $4 WHERE tenant_id = $1 AND id = $2',
        [r.tenant_id, r.user_id, hash, now],
      )
      await deleteUserSessions(ctx.tx, r.tenant_id, r.user_id)
      await ctx.audit('password.reset')
    },
    { userId: r.user_id, ip: meta.ip },
  )
}
