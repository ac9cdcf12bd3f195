/**
 * `/api/v1/auth` routes that run as the signed-in user in the tenant transaction: my sessions, my API
 * tokens, and my name and language.
 * @module
 */
import { Hono } from 'hono'
import { deleteCookie } from 'hono/cookie'
import { f } from '../entity/fields'
import { validateRecord } from '../entity/validate'
import { ValidationError } from '../errors'
import type { AppEnv } from '../http/env'
import { readJson } from '../http/request'
import { createMyToken, listMyTokens, revokeMyToken } from './api-tokens'
import { listMySessions, revokeMySession } from './my-sessions'
import { SESSION_COOKIE } from './sessions'

const PROFILE = {
  name: f.text({ required: true, maxLength: 200 }),
  locale: f.select({ options: ['fr', 'en'], required: true }),
}

export function accountRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>()
  r.get('/sessions', async (c) => c.json({ data: await listMySessions(c.get('ctx')) }))
  r.delete('/sessions/:id', async (c) => {
    const { current } = await revokeMySession(c.get('ctx'), c.req.param('id'))
    if (current) deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.json({ ok: true })
  })
  r.get('/tokens', async (c) => c.json({ data: await listMyTokens(c.get('ctx')) }))
  r.post('/tokens', async (c) => c.json(await createMyToken(c.get('ctx'), await readJson(c)), 201))
  r.delete('/tokens/:id', async (c) => {
    await revokeMyToken(c.get('ctx'), c.req.param('id'))
    return c.json({ ok: true })
  })
  r.patch('/me', async (c) => {
    const ctx = c.get('ctx')
    const input = validateRecord(PROFILE, await readJson(c), { partial: true })
    if (input.errors.length) throw new ValidationError(input.errors)
    const v = input.values as { name?: string; locale?: string }
    const [u] = await ctx.tx.query<{
      id: string
      email: string
      name: string
      is_admin: boolean
      locale: string
    }>(
      `UPDATE core_user SET name = coalesce($3, name), locale = coalesce($4, locale), version = version + 1
       WHERE tenant_id = $1 AND id = $2 RETURNING id, email, name, is_admin, locale`,
      [ctx.tenant.id, ctx.user.id, v.name ?? null, v.locale ?? null],
    )
    return c.json({ user: { id: u.id, email: u.email, name: u.name, isAdmin: u.is_admin, locale: u.locale } })
  })
  return r
}
