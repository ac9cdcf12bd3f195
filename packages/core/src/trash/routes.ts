import { Hono } from 'hono'
import { BadRequestError } from '../errors'
import { isUuid, normalizeValue } from '../entity/validate'
import { f } from '../entity/fields'
import { hasControl } from '../records/parse-query'
import type { AppEnv } from '../http/env'
import { listTrash, purgeFromTrash, restoreFromTrash } from './trash-service'

const DATE = /^\d{4}-\d{2}-\d{2}$/

export function trashRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>()
  r.get('/', async (c) => {
    const q = c.req.query()
    const errors = []
    if (q.deletedBy && !isUuid(q.deletedBy)) errors.push({ path: 'deletedBy', code: 'invalid_reference' })
    if (q.from && (!DATE.test(q.from) || normalizeValue(f.date(), q.from).error))
      errors.push({ path: 'from', code: 'invalid_date' })
    if (q.to && (!DATE.test(q.to) || normalizeValue(f.date(), q.to).error))
      errors.push({ path: 'to', code: 'invalid_date' })
    if (q.q && hasControl(q.q)) errors.push({ path: 'q', code: 'control_characters' })
    if (q.limit && !/^\d{1,3}$/.test(q.limit)) errors.push({ path: 'limit', code: 'invalid_limit' })
    let cursorOk = true
    if (q.cursor) {
      try {
        const v = JSON.parse(Buffer.from(q.cursor, 'base64url').toString('utf8'))
        cursorOk =
          Array.isArray(v) &&
          v.length === 2 &&
          typeof v[0] === 'string' &&
          !Number.isNaN(Date.parse(v[0])) &&
          isUuid(v[1])
      } catch {
        cursorOk = false
      }
    }
    if (!cursorOk) errors.push({ path: 'cursor', code: 'invalid_cursor' })
    if (errors.length) throw new BadRequestError('bad-request', 'Invalid trash parameters', errors)
    return c.json(
      await listTrash(c.get('ctx'), {
        entity: q.entity,
        q: q.q?.slice(0, 200),
        deletedBy: q.deletedBy,
        from: q.from,
        to: q.to,
        cursor: q.cursor,
        limit: q.limit ? Number(q.limit) : undefined,
      }),
    )
  })
  r.post('/:entity/:id/restore', async (c) => {
    const withParents = c.req.query('withParents') === 'true'
    return c.json(await restoreFromTrash(c.get('ctx'), c.req.param('entity'), c.req.param('id'), withParents))
  })
  r.delete('/:entity/:id', async (c) =>
    c.json(await purgeFromTrash(c.get('ctx'), c.req.param('entity'), c.req.param('id'))),
  )
  return r
}
