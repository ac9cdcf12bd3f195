/**
 * `/api/v1/admin/users`: list, create or invite, edit, deactivate, reactivate, and send an invitation again.
 * @module
 */
import { Hono } from 'hono'
import { createResetToken, INVITE_TTL_MS } from '../auth/password-reset'
import { BadRequestError, ConflictError } from '../errors'
import type { AppEnv } from '../http/env'
import { readJson } from '../http/request'
import { sendInvitation } from './invitation'
import { createUser, getUser, listUsers, setUserStatus, updateUser } from './users'

export function userRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>()
  r.get('/', async (c) => {
    const status = c.req.query('status')
    if (status !== undefined && status !== 'active' && status !== 'inactive') {
      throw new BadRequestError('bad-request', 'Unknown status', [{ path: 'status', code: 'invalid_option' }])
    }
    return c.json({ data: await listUsers(c.get('ctx'), status) })
  })
  r.post('/', async (c) => c.json(await createUser(c.get('ctx'), await readJson(c)), 201))
  r.get('/:id', async (c) => c.json(await getUser(c.get('ctx'), c.req.param('id'))))
  r.patch('/:id', async (c) => c.json(await updateUser(c.get('ctx'), c.req.param('id'), await readJson(c))))
  r.post('/:id/deactivate', async (c) =>
    c.json(await setUserStatus(c.get('ctx'), c.req.param('id'), 'inactive')),
  )
  r.post('/:id/activate', async (c) => c.json(await setUserStatus(c.get('ctx'), c.req.param('id'), 'active')))
  r.post('/:id/invite', async (c) => {
    const ctx = c.get('ctx')
    const user = await getUser(ctx, c.req.param('id'))
    if (!user.invited || user.status !== 'active') {
      throw new ConflictError(
        'not-invited',
        'Only active users who have not chosen a password yet can be invited',
      )
    }
    const token = await createResetToken(
      ctx.tx,
      ctx.tenant.id,
      user.id,
      new Date(ctx.core.now().getTime() + INVITE_TTL_MS),
    )
    await sendInvitation(ctx, user, token)
    await ctx.audit('user.invited', { user: user.id, email: user.email })
    return c.json({ ok: true }, 202)
  })
  return r
}
