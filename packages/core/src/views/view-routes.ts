/** `/api/v1/views?entity=`: the user's saved list views and the tenant's shared ones. */
import { Hono } from 'hono'
import { BadRequestError, type FieldError } from '../errors'
import type { AppEnv } from '../http/env'
import { readJson } from '../http/request'
import { checkEntity, createView, deleteView, listViews, updateView } from './saved-views'

export function viewRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>()
  r.get('/', async (c) => {
    const ctx = c.get('ctx')
    const raw = c.req.query('entity')
    const errors: FieldError[] = []
    const entity = raw === undefined ? undefined : checkEntity(ctx, raw, errors)
    if (errors.length) throw new BadRequestError('bad-request', 'Unknown entity', errors)
    return c.json({ data: await listViews(ctx, entity) })
  })
  r.post('/', async (c) => c.json(await createView(c.get('ctx'), await readJson(c)), 201))
  r.patch('/:id', async (c) => c.json(await updateView(c.get('ctx'), c.req.param('id'), await readJson(c))))
  r.delete('/:id', async (c) => {
    await deleteView(c.get('ctx'), c.req.param('id'))
    return c.json({ ok: true })
  })
  return r
}
