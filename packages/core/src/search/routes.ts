import { Hono } from 'hono'
import { ValidationError } from '../errors'
import type { AppEnv } from '../http/env'
import { globalSearch } from './global-search'
import { hasControl } from '../records/parse-query'

export function searchRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>()
  r.get('/', async (c) => {
    const q = c.req.query('q') ?? ''
    if (q.length > 200) throw new ValidationError([{ path: 'q', code: 'too_long', params: { max: 200 } }])
    if (hasControl(q)) throw new ValidationError([{ path: 'q', code: 'control_characters' }])
    return c.json({ groups: await globalSearch(c.get('ctx'), q) })
  })
  return r
}
