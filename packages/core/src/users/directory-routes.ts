/**
 * `GET /api/v1/users?q=`: the tenant's active users, for pickers of user fields and owners. Every signed-in
 * user may read names and e-mails of their colleagues; nothing else about them.
 * @module
 */
import { Hono } from 'hono'
import { BadRequestError } from '../errors'
import type { AppEnv } from '../http/env'

export function userDirectoryRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>()
  r.get('/', async (c) => {
    const ctx = c.get('ctx')
    const q = (c.req.query('q') ?? '').trim()
    const limitRaw = c.req.query('limit') ?? '20'
    if (!/^\d{1,3}$/.test(limitRaw) || Number(limitRaw) < 1 || Number(limitRaw) > 200) {
      throw new BadRequestError('bad-request', 'Invalid limit', [{ path: 'limit', code: 'invalid_limit' }])
    }
    if (q.length > 200)
      throw new BadRequestError('bad-request', 'Query too long', [{ path: 'q', code: 'too_long' }])
    const pattern = `%${q.replace(/[\\%_]/g, (x) => `\\${x}`)}%`
    const rows = await ctx.tx.query<{ id: string; name: string; email: string }>(
      `SELECT id, name, email FROM core_user
       WHERE tenant_id = $1 AND status = 'active'
         AND ($2 = '' OR comptoir_unaccent(lower(name || ' ' || email)) LIKE comptoir_unaccent(lower($3)))
       ORDER BY name, id LIMIT ${Number(limitRaw)}`,
      [ctx.tenant.id, q, pattern],
    )
    return c.json({ data: rows.map((u) => ({ ...u, _title: u.name })) })
  })
  return r
}
