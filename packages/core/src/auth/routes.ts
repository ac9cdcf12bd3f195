/**
 * `/api/v1/auth`: login, logout, the current user, changing one's password, and the password reset flow
 * that needs no session. The session cookie is HttpOnly, SameSite=Lax and Secure behind TLS; each login
 * issues a new token and ends the browser's previous session, and a password change replaces it too.
 * @module
 */
import { Hono } from 'hono'
import { deleteCookie, getCookie } from 'hono/cookie'
import { f } from '../entity/fields'
import { validateRecord } from '../entity/validate'
import { ValidationError } from '../errors'
import { authenticate, checkOrigin, sessionCookie } from '../http/middleware'
import type { AppEnv } from '../http/env'
import { clientIp, readJson } from '../http/request'
import { login } from './login'
import { changePassword } from './password-change'
import { confirmPasswordReset, requestPasswordReset } from './password-reset'
import { SESSION_COOKIE, deleteSession, deleteSessionByToken } from './sessions'

const RESET_REQUEST = { email: f.email({ required: true }), tenant: f.text({ maxLength: 40 }) }

export function authRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>()
  r.post('/login', async (c) => {
    if (c.req.header('origin')) checkOrigin(c)
    const body = await readJson(c)
    const errors = []
    if (typeof body.email !== 'string' || !body.email.trim() || body.email.length > 254)
      errors.push({ path: 'email', code: 'required' })
    if (typeof body.password !== 'string' || !body.password || body.password.length > 256)
      errors.push({ path: 'password', code: 'required' })
    if (body.tenant !== undefined && body.tenant !== null && typeof body.tenant !== 'string')
      errors.push({ path: 'tenant', code: 'type_string' })
    if (errors.length) throw new ValidationError(errors)
    const core = c.get('core')
    const ip = clientIp(c)
    const result = await login(
      core,
      {
        email: body.email as string,
        password: body.password as string,
        tenant: (body.tenant as string) || undefined,
      },
      { ip, userAgent: c.req.header('user-agent') },
    )
    const previous = getCookie(c, SESSION_COOKIE)
    if (previous) await deleteSessionByToken(core.db, previous)
    sessionCookie(c, result.token, result.expiresAt)
    await core.withTenant(result.tenant.id, (ctx) => ctx.audit('login', { via: 'password' }), {
      userId: result.user.id,
      ip,
    })
    return c.json({ user: result.user, tenant: result.tenant })
  })
  r.post('/logout', authenticate(), async (c) => {
    const auth = c.get('auth')
    if (auth.sessionId) await deleteSession(c.get('core').db, auth.tenant.id, auth.sessionId)
    await c
      .get('core')
      .withTenant(auth.tenant.id, (ctx) => ctx.audit('logout'), { userId: auth.user.id, ip: clientIp(c) })
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.json({ ok: true })
  })
  r.post('/password', authenticate(), async (c) => {
    const session = await changePassword(c.get('core'), c.get('auth'), await readJson(c), {
      ip: clientIp(c),
      userAgent: c.req.header('user-agent'),
    })
    sessionCookie(c, session.token, session.expiresAt)
    return c.json({ ok: true })
  })
  r.post('/password-reset', async (c) => {
    if (c.req.header('origin')) checkOrigin(c)
    const body = validateRecord(RESET_REQUEST, await readJson(c))
    if (body.errors.length) throw new ValidationError(body.errors)
    const { email, tenant } = body.values as { email: string; tenant: string | null }
    // Not awaited: the answer must take the same time whether or not the account exists.
    requestPasswordReset(c.get('core'), { email, tenant: tenant ?? undefined }, { ip: clientIp(c) }).catch(
      (e) => console.error(e),
    )
    return c.json({ accepted: true }, 202)
  })
  r.post('/password-reset/confirm', async (c) => {
    if (c.req.header('origin')) checkOrigin(c)
    const body = await readJson(c)
    await confirmPasswordReset(
      c.get('core'),
      { token: body.token, password: body.password },
      { ip: clientIp(c) },
    )
    return c.json({ ok: true })
  })
  r.get('/me', authenticate(), (c) => {
    const auth = c.get('auth')
    return c.json({ user: auth.user, tenant: auth.tenant, via: auth.via })
  })
  return r
}
