/**
 * `/api/v1/auth`: login, logout and the current user. The session cookie is HttpOnly, SameSite=Lax and
 * Secure behind TLS; each login issues a new token.
 * @module
 */
import { Hono } from 'hono'
import { deleteCookie } from 'hono/cookie'
import { ValidationError } from '../errors'
import { authenticate, checkOrigin, sessionCookie } from '../http/middleware'
import type { AppEnv } from '../http/env'
import { clientIp, readJson } from '../http/request'
import { login } from './login'
import { SESSION_COOKIE, deleteSession } from './sessions'

export function authRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>()
  r.post('/login', async (c) => {
    if (c.req.header('origin')) checkOrigin(c)
    const body = await readJson(c)
    const errors = []
    if (typeof body.email !== 'string' || !body.email.trim() || body.email.length > 254) errors.push({ path: 'email', code: 'required' })
    if (typeof body.password !== 'string' || !body.password || body.password.length > 256) errors.push({ path: 'password', code: 'required' })
    if (body.tenant !== undefined && body.tenant !== null && typeof body.tenant !== 'string') errors.push({ path: 'tenant', code: 'type_string' })
    if (errors.length) throw new ValidationError(errors)
    const core = c.get('core')
    const ip = clientIp(c)
    const result = await login(
      core,
      { email: body.email as string, password: body.password as string, tenant: (body.tenant as string) || undefined },
      { ip, userAgent: c.req.header('user-agent') },
    )
    sessionCookie(c, result.token, result.expiresAt)
    await core.withTenant(result.tenant.id, (ctx) => ctx.audit('login', { via: 'password' }), { userId: result.user.id, ip })
    return c.json({ user: result.user, tenant: result.tenant })
  })
  r.post('/logout', authenticate(), async (c) => {
    const auth = c.get('auth')
    if (auth.sessionId) await deleteSession(c.get('core').db, auth.tenant.id, auth.sessionId)
    await c.get('core').withTenant(auth.tenant.id, (ctx) => ctx.audit('logout'), { userId: auth.user.id, ip: clientIp(c) })
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.json({ ok: true })
  })
  r.get('/me', authenticate(), (c) => {
    const auth = c.get('auth')
    return c.json({ user: auth.user, tenant: auth.tenant, via: auth.via })
  })
  return r
}
