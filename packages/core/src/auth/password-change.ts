/**
 * A user changing their own password: the current one is checked (failures count towards the account's
 * login throttling), then every other session ends and the current one is replaced by a new token.
 * @module
 */
import { ForbiddenError, ValidationError } from '../errors'
import type { Core } from '../server/core'
import type { AuthInfo } from './auth-info'
import { checkPasswordPolicy, hashPassword, verifyPassword } from './password'
import { createSession, deleteUserSessions } from './sessions'
import { accountKey, assertNotThrottled, recordFailure } from './throttle'

export async function changePassword(
  core: Core,
  auth: AuthInfo,
  body: Record<string, unknown>,
  meta: { ip?: string; userAgent?: string },
): Promise<{ token: string; expiresAt: Date }> {
  if (auth.via !== 'session' || !auth.sessionId) {
    throw new ForbiddenError('session-required', 'Sign in with your password to change it')
  }
  const errors = []
  if (typeof body.current !== 'string' || !body.current || body.current.length > 256) {
    errors.push({ path: 'current', code: 'required' })
  }
  if (errors.length) throw new ValidationError(errors)
  const next = checkPasswordPolicy(body.next, 'next')
  const key = accountKey(auth.user.email)
  await assertNotThrottled(core, [key])
  const [row] = await core.db.system((tx) =>
    tx.query<{ password_hash: string | null }>(
      'SELECT password_hash FROM core_user WHERE tenant_id = $1 AND id = $2',
      [auth.tenant.id, auth.user.id],
    ),
  )
  if (!(await verifyPassword(row?.password_hash, body.current as string))) {
    await recordFailure(core, [key])
    throw new ValidationError([{ path: 'current', code: 'wrong_password' }])
  }
  const hash = await hashPassword(next)
  return core.withTenant(
    auth.tenant.id,
    async (ctx) => {
      await ctx.tx.query(
        'UPDATE core_user SET password_hash = $3, password_changed_at = $4 WHERE tenant_id = $1 AND id = $2',
        [auth.tenant.id, auth.user.id, hash, core.now().toISOString()],
      )
      await deleteUserSessions(ctx.tx, auth.tenant.id, auth.user.id)
      const session = await createSession(ctx.tx, auth.tenant.id, auth.user.id, meta, {
        ttlDays: core.config.sessionDays,
        now: core.now,
      })
      await ctx.audit('password.changed')
      return session
    },
    { userId: auth.user.id, auth, ip: meta.ip },
  )
}
