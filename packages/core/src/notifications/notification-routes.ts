/**
 * `/api/v1/notifications`: the user's own notifications, newest first (keyset pages), with the unread
 * count; mark one or all as read.
 * @module
 */
import { Hono } from 'hono'
import { decodeTimeCursor, encodeTimeCursor } from '../admin/time-cursor'
import { isUuid } from '../entity/validate'
import { BadRequestError, type FieldError, NotFoundError } from '../errors'
import type { AppEnv } from '../http/env'
import { iso } from '../records/entity-model'
import { Params } from '../records/sql-params'

export function notificationRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>()
  r.get('/', async (c) => {
    const ctx = c.get('ctx')
    const q = c.req.query()
    const errors: FieldError[] = []
    const cursor = q.cursor ? decodeTimeCursor(q.cursor) : null
    if (q.cursor && !cursor) errors.push({ path: 'cursor', code: 'invalid_cursor' })
    if (
      q.limit !== undefined &&
      (!/^\d{1,3}$/.test(q.limit) || Number(q.limit) < 1 || Number(q.limit) > 200)
    ) {
      errors.push({ path: 'limit', code: 'invalid_limit' })
    }
    if (q.unread !== undefined && q.unread !== 'true' && q.unread !== 'false')
      errors.push({ path: 'unread', code: 'type_boolean' })
    if (errors.length) throw new BadRequestError('bad-request', 'Invalid notification query', errors)
    const p = new Params()
    const where = [`tenant_id = ${p.add(ctx.tenant.id)}`, `user_id = ${p.add(ctx.user.id)}`]
    if (q.unread === 'true') where.push('read_at IS NULL')
    if (cursor) where.push(`(created_at, id) < (${p.add(cursor[0])}::timestamptz, ${p.add(cursor[1])}::uuid)`)
    const limit = q.limit ? Number(q.limit) : 50
    const rows = await ctx.tx.query<any>(
      `SELECT id, kind, title, body, link, created_at, created_at::text AS at_key, read_at FROM core_notification
       WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ${limit + 1}`,
      p.values,
    )
    const [{ n }] = await ctx.tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM core_notification WHERE tenant_id = $1 AND user_id = $2 AND read_at IS NULL',
      [ctx.tenant.id, ctx.user.id],
    )
    const page = rows.slice(0, limit)
    const last = page[page.length - 1]
    return c.json({
      data: page.map((x) => ({
        id: x.id,
        kind: x.kind,
        title: x.title,
        body: x.body,
        link: x.link,
        createdAt: iso(x.created_at),
        readAt: iso(x.read_at),
      })),
      unread: n,
      nextCursor: rows.length > limit ? encodeTimeCursor(last.at_key, last.id) : null,
    })
  })
  r.post('/read-all', async (c) => {
    const ctx = c.get('ctx')
    const rows = await ctx.tx.query(
      'UPDATE core_notification SET read_at = $3 WHERE tenant_id = $1 AND user_id = $2 AND read_at IS NULL RETURNING id',
      [ctx.tenant.id, ctx.user.id, ctx.core.now().toISOString()],
    )
    return c.json({ count: rows.length })
  })
  r.post('/:id/read', async (c) => {
    const ctx = c.get('ctx')
    const id = c.req.param('id')
    const [row] = isUuid(id)
      ? await ctx.tx.query<{ read_at: string }>(
          `UPDATE core_notification SET read_at = coalesce(read_at, $4) WHERE tenant_id = $1 AND user_id = $2 AND id = $3
           RETURNING read_at`,
          [ctx.tenant.id, ctx.user.id, id, ctx.core.now().toISOString()],
        )
      : []
    if (!row) throw new NotFoundError()
    return c.json({ id, readAt: iso(row.read_at) })
  })
  return r
}
