/** `/api/v1/admin/teams`: teams and their members. */
import { Hono } from 'hono'
import type { AppEnv } from '../http/env'
import { readJson } from '../http/request'
import { changeMember, createTeam, deleteTeam, getTeam, listTeams, updateTeam } from './teams'

export function teamRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>()
  r.get('/', async (c) => c.json({ data: await listTeams(c.get('ctx')) }))
  r.post('/', async (c) => c.json(await createTeam(c.get('ctx'), await readJson(c)), 201))
  r.get('/:id', async (c) => c.json(await getTeam(c.get('ctx'), c.req.param('id'))))
  r.patch('/:id', async (c) => c.json(await updateTeam(c.get('ctx'), c.req.param('id'), await readJson(c))))
  r.delete('/:id', async (c) => {
    await deleteTeam(c.get('ctx'), c.req.param('id'))
    return c.json({ ok: true })
  })
  r.post('/:id/members', async (c) => {
    const body = await readJson(c)
    return c.json(await changeMember(c.get('ctx'), c.req.param('id'), body.userId, true), 201)
  })
  r.delete('/:id/members/:userId', async (c) =>
    c.json(await changeMember(c.get('ctx'), c.req.param('id'), c.req.param('userId'), false)),
  )
  return r
}
