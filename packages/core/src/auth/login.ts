/**
 * Login: refuses throttled accounts and addresses, finds the accounts of an e-mail across tenants (system
 * path), verifies the password once whatever their number (so timing tells nothing about them), asks for
 * the tenant when the e-mail has several, and never tells which part was wrong. Failures are counted and audited in the tenants of the e-mail.
 * @module
 */
import { ConflictError, UnauthorizedError } from '../errors'
import type { Core } from '../server/core'
import { tenantFromRow } from '../tenancy/tenants'
import type { TenantInfo, UserInfo } from './auth-info'
import { verifyPassword } from './password'
import { createSession } from './sessions'
import { accountKey, assertNotThrottled, clearFailures, loginKeys, recordFailure } from './throttle'

export interface LoginResult {
  tenant: TenantInfo
  user: UserInfo
  token: string
  expiresAt: Date
}

export async function login(
  core: Core,
  input: { email: string; password: string; tenant?: string },
  meta: { ip?: string; userAgent?: string },
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase()
  const keys = loginKeys(email, meta.ip)
  await assertNotThrottled(core, keys)
  const rows = await core.db.system((tx) =>
    tx.query<any>(
      `SELECT u.id AS user_id, u.email, u.name AS user_name, u.is_admin, u.locale AS user_locale, u.password_hash,
              t.id, t.slug, t.name, t.plan, t.status, t.locale
       FROM core_user u JOIN core_tenant t ON t.id = u.tenant_id
       WHERE lower(u.email) = $1 AND u.status = 'active' AND t.status = 'active' AND ($2::text IS NULL OR t.slug = $2)
       ORDER BY u.last_login_at DESC NULLS LAST, t.slug LIMIT 20`,
      [email, input.tenant ?? null],
    ),
  )
  // One verification whatever the number of accounts (none: against a dummy hash): the account the
  // e-mail signed in to last. Its password proves the e-mail's owner, who then chooses the workspace.
  const r = rows[0]
  if (!(await verifyPassword(r?.password_hash, input.password))) {
    const locked = await recordFailure(core, keys)
    for (const x of rows) auditFailure(core, x.id, x.user_id, meta.ip, locked)
    throw new UnauthorizedError('invalid-credentials')
  }
  await clearFailures(core, accountKey(email))
  if (rows.length > 1) {
    throw new ConflictError('tenant-required', 'This e-mail belongs to several workspaces: choose one', {
      tenants: [...rows]
        .sort((a, b) => (a.slug < b.slug ? -1 : 1))
        .map((m) => ({ slug: m.slug, name: m.name })),
    })
  }
  const session = await core.db.system(async (tx) => {
    const s = await createSession(tx, r.id, r.user_id, meta, {
      ttlDays: core.config.sessionDays,
      now: core.now,
    })
    await tx.query('UPDATE core_user SET last_login_at = now() WHERE tenant_id = $1 AND id = $2', [
      r.id,
      r.user_id,
    ])
    return s
  })
  return {
    tenant: tenantFromRow(r),
    user: { id: r.user_id, email: r.email, name: r.user_name, isAdmin: r.is_admin, locale: r.user_locale },
    token: session.token,
    expiresAt: session.expiresAt,
  }
}

/**
 * Written after the answer, not before: awaiting it only when the e-mail exists would let the response
 * time tell which e-mails have accounts.
 */
function auditFailure(
  core: Core,
  tenantId: string,
  userId: string,
  ip: string | undefined,
  locked: boolean,
): void {
  core
    .withTenant(tenantId, (ctx) => ctx.audit('login.failed', locked ? { locked: true } : {}), { userId, ip })
    .catch((e) => console.error(e))
}
