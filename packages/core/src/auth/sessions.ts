/**
 * Sessions: created at login (a fresh token each time, so a fixated one is useless), validated on every
 * request with sliding expiry, invalidated at logout, on password change and on deactivation.
 * @module
 */
import type { Database, Queryable } from '../db/database'
import { ForbiddenError, UnauthorizedError } from '../errors'
import type { AuthInfo } from './auth-info'
import { tenantFromRow } from '../tenancy/tenants'
import { generateSecret, hashSecret } from './tokens'

export const SESSION_COOKIE = 'comptoir_session'
const DAY = 86_400_000
/** `last_used_at` is refreshed at most this often, so most requests write nothing. */
const LAST_USED_PRECISION = 5 * 60_000

export interface SessionOptions {
  ttlDays: number
  now: () => Date
}

export async function createSession(
  tx: Queryable,
  tenantId: string,
  userId: string,
  meta: { ip?: string; userAgent?: string },
  o: SessionOptions,
): Promise<{ token: string; id: string; expiresAt: Date }> {
  const token = generateSecret()
  const id = hashSecret(token)
  const expiresAt = new Date(o.now().getTime() + o.ttlDays * DAY)
  await tx.query(
    'INSERT INTO core_session (tenant_id, id, user_id, expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6)',
    [tenantId, id, userId, expiresAt.toISOString(), meta.ip ?? null, meta.userAgent?.slice(0, 300) ?? null],
  )
  return { token, id, expiresAt }
}

const USER_COLS = `u.id AS user_id, u.email, u.name AS user_name, u.is_admin, u.locale AS user_locale,
  t.id, t.slug, t.name, t.plan, t.status, t.locale`

/**
 * Resolves a session token through the system path (the tenant is not known yet). Extends the expiry
 * when more than half of it has passed. Returns null for unknown, expired, or inactive.
 */
export async function validateSession(
  db: Database,
  token: string,
  o: SessionOptions,
): Promise<{ auth: AuthInfo; expiresAt: Date; renewed: boolean } | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null
  const id = hashSecret(token)
  const cache = cacheOf(db)
  cache.delete(id)
  // One autocommit read; a transaction only for the rare writes (expiry, renewal, last use).
  const [r] = await db.read<any>(SESSION_SQL, [id])
  if (!r) return null
  const now = o.now()
  let expiresAt = new Date(r.expires_at)
  if (expiresAt <= now) {
    await db.system((tx) =>
      tx.query('DELETE FROM core_session WHERE tenant_id = $1 AND id = $2', [r.tenant_id, id]),
    )
    return null
  }
  let renewed = false
  let lastUsedAt = new Date(r.last_used_at).getTime()
  if (expiresAt.getTime() - now.getTime() < (o.ttlDays * DAY) / 2) {
    expiresAt = new Date(now.getTime() + o.ttlDays * DAY)
    renewed = true
    lastUsedAt = now.getTime()
    await db.system((tx) =>
      tx.query(
        'UPDATE core_session SET expires_at = $3, last_used_at = now() WHERE tenant_id = $1 AND id = $2',
        [r.tenant_id, id, expiresAt.toISOString()],
      ),
    )
  } else if (now.getTime() - lastUsedAt > LAST_USED_PRECISION) {
    lastUsedAt = now.getTime()
    await db.system((tx) =>
      tx.query('UPDATE core_session SET last_used_at = $3 WHERE tenant_id = $1 AND id = $2', [
        r.tenant_id,
        id,
        now.toISOString(),
      ]),
    )
  }
  const auth = authFromRow(r, 'session', { sessionId: id })
  if (auth.tenant.status === 'active') {
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!)
    cache.set(id, { auth, expiresAt: expiresAt.getTime(), lastUsedAt, at: now.getTime() })
  }
  return { auth, expiresAt, renewed }
}

/**
 * What a session's row says, read again by every request that uses it: the session, its user (active
 * only) and its tenant.
 */
const SESSION_SQL = `SELECT s.tenant_id, s.expires_at, s.last_used_at, t.context_version, ${USER_COLS}
  FROM core_session s
  JOIN core_user u ON u.tenant_id = s.tenant_id AND u.id = s.user_id AND u.status = 'active'
  JOIN core_tenant t ON t.id = s.tenant_id
  WHERE s.id = $1`

/**
 * Sessions this process has validated lately, by id. An entry only tells which tenant and user a
 * session belongs to, which never changes for a session, so that a request can open its tenant
 * transaction at once; whether the session still holds is read again inside that transaction, in the
 * same flight as `BEGIN` (`SessionCheck`). Nothing here is trusted on its own, and no revocation needs
 * to reach it: a session deleted, expired, a user deactivated or a tenant suspended elsewhere fails the
 * very next request.
 */
interface CachedSession {
  auth: AuthInfo
  expiresAt: number
  lastUsedAt: number
  at: number
  /** The session's row as last checked, and `Database.writes` then: still true while it has not moved. */
  rows?: readonly Record<string, any>[]
  writes?: number
}
const caches = new WeakMap<Database, Map<string, CachedSession>>()
const CACHE_MS = 60_000
const CACHE_MAX = 10_000

function cacheOf(db: Database): Map<string, CachedSession> {
  let m = caches.get(db)
  if (!m) {
    m = new Map()
    caches.set(db, m)
  }
  return m
}

/** The session check a request's transaction runs first, and what its row means. */
export interface SessionCheck {
  auth: AuthInfo
  statement: { text: string; params: readonly unknown[] }
  /** The statement's rows, when nothing was written since they were read (`Database.writes`). */
  rows?: readonly Record<string, any>[]
  /** The fresh identity, or the 401/403 the full validation would have given. */
  check(rows: readonly Record<string, any>[]): AuthInfo
  /** The tenant's `context_version` in the statement's rows. */
  contextVersion(rows: readonly Record<string, any>[]): string | undefined
}

/**
 * A session validated by this process within the last minute, whose expiry needs no renewal and whose
 * last use needs no update: its request can check it inside its own transaction. `null` sends the
 * request through `validateSession`.
 */
export function cachedSession(db: Database, token: string, o: SessionOptions): SessionCheck | null {
  if (!/^[a-z2-7]{32}$/.test(token)) return null
  const id = hashSecret(token)
  const cache = cacheOf(db)
  const e = cache.get(id)
  if (!e) return null
  const now = o.now().getTime()
  if (
    now < e.at ||
    now - e.at > CACHE_MS ||
    e.expiresAt - now < (o.ttlDays * DAY) / 2 ||
    now - e.lastUsedAt > LAST_USED_PRECISION
  )
    return null
  const writes = db.writes?.()
  return {
    auth: e.auth,
    statement: { text: SESSION_SQL, params: [id] },
    rows: writes !== undefined && e.writes === writes ? e.rows : undefined,
    contextVersion: (rows) =>
      rows[0]?.context_version == null ? undefined : String(rows[0].context_version),
    check(rows) {
      const r = rows[0]
      if (!r || new Date(r.expires_at).getTime() <= o.now().getTime()) {
        cache.delete(id)
        throw new UnauthorizedError('session-expired')
      }
      const auth = authFromRow(r, 'session', { sessionId: id })
      if (auth.tenant.status !== 'active') {
        cache.delete(id)
        throw new ForbiddenError('tenant-suspended')
      }
      e.auth = auth
      if (writes !== undefined) {
        e.rows = rows
        e.writes = writes
      }
      return auth
    },
  }
}

export function authFromRow(
  r: any,
  via: 'session' | 'token',
  extra: { sessionId?: string; tokenId?: string },
): AuthInfo {
  return {
    tenant: tenantFromRow(r),
    user: { id: r.user_id, email: r.email, name: r.user_name, isAdmin: r.is_admin, locale: r.user_locale },
    via,
    ...extra,
  }
}

/** Resolves an API token (`Authorization: Bearer cpt_…`). */
export async function validateApiToken(db: Database, token: string, now: Date): Promise<AuthInfo | null> {
  const secret = token.startsWith('cpt_') ? token.slice(4) : token
  if (!/^[a-z2-7]{32}$/.test(secret)) return null
  const hash = hashSecret(secret)
  const [r] = await db.read<any>(
    `SELECT k.tenant_id, k.id AS token_id, k.last_used_at, ${USER_COLS}
     FROM core_api_token k
     JOIN core_user u ON u.tenant_id = k.tenant_id AND u.id = k.user_id AND u.status = 'active'
     JOIN core_tenant t ON t.id = k.tenant_id
     WHERE k.token_hash = $1 AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > $2)`,
    [hash, now.toISOString()],
  )
  if (!r) return null
  // Like sessions, the last use is recorded to within a few minutes: not a disk write per request.
  if (!r.last_used_at || now.getTime() - new Date(r.last_used_at).getTime() > LAST_USED_PRECISION) {
    await db.system((tx) =>
      tx.query('UPDATE core_api_token SET last_used_at = $3 WHERE tenant_id = $1 AND id = $2', [
        r.tenant_id,
        r.token_id,
        now.toISOString(),
      ]),
    )
  }
  return authFromRow(r, 'token', { tokenId: r.token_id })
}

export async function deleteSession(db: Database, tenantId: string, id: string): Promise<void> {
  cacheOf(db).delete(id)
  await db.system((tx) =>
    tx.query('DELETE FROM core_session WHERE tenant_id = $1 AND id = $2', [tenantId, id]),
  )
}

/** Deletes the user's sessions, all of them or all but `keepId`, in the caller's transaction. */
export async function deleteUserSessions(
  tx: Queryable,
  tenantId: string,
  userId: string,
  keepId?: string,
): Promise<void> {
  await tx.query('DELETE FROM core_session WHERE tenant_id = $1 AND user_id = $2 AND id <> $3', [
    tenantId,
    userId,
    keepId ?? '',
  ])
}

/** The id a session is shown under: derived from its stored hash, which never leaves the server. */
export function publicSessionId(id: string): string {
  return hashSecret(`session:${id}`).slice(0, 20)
}

/** Ends the session a token opened, whatever its tenant (a login replaces the browser's previous session). */
export async function deleteSessionByToken(db: Database, token: string): Promise<void> {
  if (!/^[a-z2-7]{32}$/.test(token)) return
  await db.system((tx) => tx.query('DELETE FROM core_session WHERE id = $1', [hashSecret(token)]))
}
