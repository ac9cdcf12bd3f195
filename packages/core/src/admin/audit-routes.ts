/**
 * `GET /api/v1/admin/audit?event=&user=&cursor=&limit=`: the tenant's security log, newest first, with
 * keyset pagination. `event=login` matches `login` and `login.*`; `user` is the acting user.
 * @module
 */
import { Hono } from 'hono'
import { decodeTimeCursor, encodeTimeCursor } from './time-cursor'
import { isUuid } from '../entity/validate'
import { BadRequestError, type FieldError } from '../errors'
import type { AppEnv } from '../http/env'
import { iso } from '../records/entity-model'
import { Params } from '../records/sql-params'

export function auditRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>()
  r.get('/', async (c) => {
    const ctx = c.get('ctx')
    const q = c.req.query()
    const errors: FieldError[] = []
    if (q.event !== undefined && !/^[a-z0-9][a-z0-9.-]{0,99}$/.test(q.event))
      errors.push({ path: 'event', code: 'invalid_format' })
    if (q.user !== undefined && !isUuid(q.user)) errors.push({ path: 'user', code: 'invalid_reference' })
    if (
      q.limit !== undefined &&
      (!/^\d{1,3}$/.test(q.limit) || Number(q.limit) < 1 || Number(q.limit) > 200)
    ) {
      errors.push({ path: 'limit', code: 'invalid_limit' })
    }
    const cursor = q.cursor ? decodeTimeCursor(q.cursor) : null
    if (q.cursor && !cursor) errors.push({ path: 'cursor', code: 'invalid_cursor' })
    if (errors.length) throw new BadRequestError('bad-request', 'Invalid audit query', errors)
    const p = new Params()
    const where = [`a.tenant_id = ${p.add(ctx.tenant.id)}`]
    if (q.event) where.push(`(a.event = ${p.add(q.event)} OR a.event LIKE ${p.add(`${q.event}.%`)})`)
    if (q.user) where.push(`a.actor_id = ${p.add(q.user)}`)
    if (cursor) where.push(`(a.at, a.id) < (${p.add(cursor[0])}::timestamptz, ${p.add(cursor[1])}::uuid)`)
    const limit = q.limit ? Number(q.limit) : 50
    const rows = await ctx.tx.query<any>(
      `SELECT a.id, a.at, a.at::text AS at_key, a.event, a.detail, a.ip, a.actor_id, u.name AS actor_name, u.email AS actor_email
       FROM core_audit a LEFT JOIN core_user u ON u.tenant_id = a.tenant_id AND u.id = a.actor_id
       WHERE ${where.join(' AND ')} ORDER BY a.at DESC, a.id DESC LIMIT ${limit + 1}`,
      p.values,
    )
    const page = rows.slice(0, limit)
    const last = page[page.length - 1]
    return c.json({
      data: page.map((a) => ({
        id: a.id,
        at: iso(a.at),
        event: a.event,
        actor: a.actor_id ? { id: a.actor_id, name: a.actor_name, email: a.actor_email } : null,
        detail: a.detail,
        ip: a.ip,
      })),
      nextCursor: rows.length > limit ? encodeTimeCursor(last.at_key, last.id) : null,
    })
  })
  return r
}
