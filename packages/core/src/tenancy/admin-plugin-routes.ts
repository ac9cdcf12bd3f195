/** `/api/v1/admin/plugins`: the tenant admin sees the installed plugins and enables or disables them. */
import { Hono } from 'hono'
import type { AppEnv } from '../http/env'
import { disablePlugin, enablePlugins } from './tenant-admin'
import { checkDisable, enableClosure, planPlugins } from './tenants'
import { rememberChoice } from './plan-change'

export function adminPluginRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>()
  r.get('/', (c) => {
    const ctx = c.get('ctx')
    const inPlan = new Set(planPlugins(ctx.core.config.plans, ctx.tenant.plan, ctx.core.registry))
    return c.json({
      data: ctx.core.registry.plugins.map((p) => ({
        id: p.manifest.id,
        version: p.manifest.version,
        inPlan: inPlan.has(p.manifest.id),
        enabled: ctx.enabled.has(p.manifest.id),
        dependsOn: Object.keys(p.manifest.dependsOn),
        requiredBy: ctx.core.registry.dependents(p.manifest.id),
      })),
    })
  })
  r.post('/:id/enable', async (c) => {
    const ctx = c.get('ctx')
    enableClosure(ctx.core.registry, ctx.core.config.plans, ctx.tenant.plan, c.req.param('id'))
    const enabled = await enablePlugins(ctx, [c.req.param('id')])
    await rememberChoice(ctx, ctx.core.registry.closure(c.req.param('id')), false)
    await ctx.audit('plugin.enabled', { plugin: c.req.param('id'), enabled })
    return c.json({ enabled })
  })
  r.post('/:id/disable', async (c) => {
    const ctx = c.get('ctx')
    const id = c.req.param('id')
    checkDisable(ctx.core.registry, ctx.enabled, id)
    if (ctx.enabled.has(id)) await disablePlugin(ctx, id)
    await rememberChoice(ctx, [id], true)
    await ctx.audit('plugin.disabled', { plugin: id })
    return c.json({ disabled: [id] })
  })
  return r
}
