/**
 * The middleware every API request passes: security headers, authentication (session cookie or API
 * token), CSRF checks for cookie-authenticated writes, and the tenant transaction that rolls back on any
 * error response.
 * @module
 */
import type { MiddlewareHandler } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { ForbiddenError, UnauthorizedError } from '../errors'
import { cachedSession, SESSION_COOKIE, validateApiToken, validateSession } from '../auth/sessions'
import type { AppEnv } from './env'
import { clientIp } from './request'
import { recordWriteInTransaction } from '../records/routes'

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https://*.tile.openstreetmap.org; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"

export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async function securityHeaders(c, next) {
    await next()
    const h = c.res.headers
    h.set('x-content-type-options', 'nosniff')
    h.set('referrer-policy', 'same-origin')
    h.set('x-frame-options', 'DENY')
    h.set('cross-origin-opener-policy', 'same-origin')
    h.set('permissions-policy', 'camera=(), microphone=(), geolocation=(self)')
    if (!h.has('content-security-policy')) h.set('content-security-policy', CSP)
    if (c.req.url.startsWith('https:')) h.set('strict-transport-security', 'max-age=31536000')
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function isSecureRequest(url: string, forwardedProto?: string): boolean {
  return url.startsWith('https:') || forwardedProto === 'https'
}

export function sessionCookie(c: Parameters<MiddlewareHandler<AppEnv>>[0], token: string, expires: Date) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isSecureRequest(c.req.url, c.req.header('x-forwarded-proto')),
    path: '/',
    expires,
  })
}

/** Same-origin check for writes made with the session cookie (API tokens are not sent by browsers on their own). */
export function checkOrigin(c: Parameters<MiddlewareHandler<AppEnv>>[0]): void {
  const origin = c.req.header('origin')
  if (!origin) throw new ForbiddenError('csrf', 'Missing Origin header')
  const url = new URL(c.req.url)
  const host = c.req.header('x-forwarded-host') ?? c.req.header('host') ?? url.host
  const allowed = new Set([
    `${url.protocol}//${host}`,
    `https://${host}`,
    new URL(c.get('core').config.publicUrl).origin,
  ])
  if (!allowed.has(origin)) throw new ForbiddenError('csrf', 'Cross-origin request refused')
  const type = c.req.header('content-type') ?? ''
  const hasBody =
    c.req.method !== 'DELETE' ||
    Number(c.req.header('content-length') ?? 0) > 0 ||
    !!c.req.header('content-type') ||
    !!c.req.header('transfer-encoding')
  if (
    hasBody &&
    !/^application\/json\b/i.test(type) &&
    !/^multipart\/form-data\b/i.test(type) &&
    !/^text\/csv\b/i.test(type)
  ) {
    throw new ForbiddenError('csrf', 'Writes must send a JSON body')
  }
}

/**
 * Resolves the caller; 401 without valid credentials, 403 for a suspended tenant. With `inTransaction`
 * (the API, whose every request then opens its tenant transaction), a session this process validated
 * lately is checked again inside that transaction instead of by a read of its own.
 */
export function authenticate(o: { inTransaction?: boolean } = {}): MiddlewareHandler<AppEnv> {
  return async function authenticate(c, next) {
    const core = c.get('core')
    const header = c.req.header('authorization')
    if (header?.startsWith('Bearer ')) {
      const auth = await validateApiToken(core.db, header.slice(7).trim(), core.now())
      if (!auth) throw new UnauthorizedError('invalid-token')
      if (auth.tenant.status !== 'active') throw new ForbiddenError('tenant-suspended')
      c.set('auth', auth)
      c.set('locale', auth.user.locale)
      return next()
    }
    const token = getCookie(c, SESSION_COOKIE)
    if (!token) throw new UnauthorizedError()
    const sessionOptions = { ttlDays: core.config.sessionDays, now: core.now }
    const cached = o.inTransaction ? cachedSession(core.db, token, sessionOptions) : null
    if (cached) {
      if (UNSAFE.has(c.req.method)) checkOrigin(c)
      c.set('auth', cached.auth)
      c.set('sessionCheck', cached)
      return next()
    }
    const session = await validateSession(core.db, token, sessionOptions)
    if (!session) throw new UnauthorizedError('session-expired')
    if (session.auth.tenant.status !== 'active') throw new ForbiddenError('tenant-suspended')
    if (UNSAFE.has(c.req.method)) checkOrigin(c)
    c.set('auth', session.auth)
    c.set('locale', session.auth.user.locale)
    if (session.renewed) sessionCookie(c, token, session.expiresAt)
    return next()
  }
}

class Rollback extends Error {}

/** Requests whose answer is `ContextChangedError`, and those being answered again after it. */
const changedRequests = new WeakSet<Request>()
const againRequests = new WeakSet<Request>()
/** The bodies of writes that started early, to send them again if their context moved. */
const replayBodies = new WeakMap<Request, string>()

/** Notes that `ContextChangedError` answered the request, for `answerAgainWhenContextChanged`. */
export function contextChanged(req: Request): void {
  changedRequests.add(req)
}

/**
 * Wraps the app's `fetch`: a request that started from the context this process knew, and found it
 * changed (`WithTenantOptions.speculate`), is answered again once, from a fresh context. Its first answer
 * was rolled back and never sent; a write is sent again with the body it had.
 */
export function answerAgainWhenContextChanged<
  A extends { fetch: (req: Request, ...rest: any[]) => Response | Promise<Response> },
>(app: A): A {
  const dispatch = app.fetch
  app.fetch = async (req: Request, ...rest: any[]) => {
    const res = await dispatch(req, ...rest)
    if (!changedRequests.has(req) || againRequests.has(req)) return res
    const body = replayBodies.get(req)
    const again =
      body === undefined
        ? req
        : new Request(req.url, { method: req.method, headers: req.headers, body: body || undefined })
    againRequests.add(again)
    return dispatch(again, ...rest)
  }
  return app
}

/**
 * A write that may start before its context is confirmed: a route whose every effect is in the
 * transaction (`recordWriteInTransaction`), so that a refused session or a moved context rolls all of it
 * back, with a JSON body (or none), read once and kept to be sent again.
 */
function replayableWrite(method: string, path: string, type: string | undefined): boolean {
  if (type !== undefined && !/^application\/json\b/i.test(type)) return false
  return recordWriteInTransaction(method, path)
}

/** Opens the tenant transaction; any error (thrown or answered) rolls everything back. */
export function tenantTransaction(): MiddlewareHandler<AppEnv> {
  return async function tenantTransaction(c, next) {
    const auth = c.get('auth')
    const sessionCheck = c.get('sessionCheck')
    const request = c.get('request') ?? c.req.raw
    // A read can be done twice, and so can a replayable write: both may start before their context
    // is confirmed, once.
    let speculate = false
    if (sessionCheck && !againRequests.has(request)) {
      const method = c.req.method
      if (method === 'GET') speculate = true
      else if (replayableWrite(method, c.req.path, c.req.header('content-type'))) {
        replayBodies.set(request, await c.req.text())
        speculate = true
      }
    }
    try {
      await c.get('core').withTenant(
        auth.tenant.id,
        async (ctx) => {
          c.set('ctx', ctx)
          if (sessionCheck) {
            // The identity as the session check just read it.
            c.set('auth', ctx.auth!)
            c.set('locale', ctx.locale)
          }
          await next()
          if (c.error) throw c.error
          if (c.res.status >= 400) throw new Rollback()
        },
        sessionCheck
          ? { userId: auth.user.id, auth, ip: clientIp(c), sessionCheck, speculate }
          : { userId: auth.user.id, auth, locale: c.get('locale'), ip: clientIp(c) },
      )
    } catch (e) {
      if (e instanceof Rollback) return
      throw e
    }
  }
}

/** 403 `plugin-not-enabled` unless the plugin is enabled for the tenant. */
export function requirePlugin(pluginId: string): MiddlewareHandler<AppEnv> {
  return async function requirePlugin(c, next) {
    if (!c.get('ctx').enabled.has(pluginId))
      throw new ForbiddenError('plugin-not-enabled', `Plugin "${pluginId}" is not enabled`, {
        plugin: pluginId,
      })
    return next()
  }
}

export function requireAdmin(): MiddlewareHandler<AppEnv> {
  return async function requireAdmin(c, next) {
    if (!c.get('ctx').user.isAdmin) throw new ForbiddenError('admin-only', 'Tenant administrators only')
    return next()
  }
}
