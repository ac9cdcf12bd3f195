/**
 * `/api/v1/admin/roles`: roles with their grants and field rules, and `GET /roles/permissions`, the
 * permission keys and fields of the tenant's enabled plugins that a role editor offers.
 * @module
 */
import { Hono } from 'hono'
import type { AppEnv } from '../http/env'
import { readJson } from '../http/request'
import { CRUD_ACTIONS } from '../plugin/registry'
import { createRole, deleteRole, getRole, listRoles, updateRole } from './roles'

export function roleRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>()
  r.get('/', async (c) => c.json({ data: await listRoles(c.get('ctx')) }))
  r.get('/permissions', (c) => {
    const ctx = c.get('ctx')
    const data = [...ctx.core.registry.entities.values()]
      .filter((e) => ctx.enabled.has(e.plugin))
      .map((e) => ({
        entity: e.ref,
        plugin: e.plugin,
        ownership: e.ownership ?? 'owner',
        permissions: [
          ...CRUD_ACTIONS.map((a) => `${e.ref}.${a}`),
          ...e.actions.filter((a) => ctx.enabled.has(a.plugin)).map((a) => a.permission),
        ],
        fields: [
          ...Object.keys(e.fields),
          ...Object.entries(e.extFields)
            .filter(([, x]) => ctx.enabled.has(x.plugin))
            .map(([n]) => n),
        ],
      }))
    const listed = new Set(data.flatMap((d) => d.permissions))
    const other = [...ctx.core.registry.permissions].filter(
      (k) => !listed.has(k) && ctx.enabled.has(k.split('.')[0]),
    )
    return c.json({ data, other })
  })
  r.post('/', async (c) => c.json(await createRole(c.get('ctx'), await readJson(c)), 201))
  r.get('/:id', async (c) => c.json(await getRole(c.get('ctx'), c.req.param('id'))))
  r.patch('/:id', async (c) => c.json(await updateRole(c.get('ctx'), c.req.param('id'), await readJson(c))))
  r.delete('/:id', async (c) => {
    await deleteRole(c.get('ctx'), c.req.param('id'))
    return c.json({ ok: true })
  })
  return r
}
