/**
 * Routes under `/api/v1/p/visits`. Sign-in, the tenant transaction and the plugin-enabled check come
 * first; `ctx.records()` applies the user's rights.
 * @module
 */
import type { ServerPluginParts } from '@comptoir/core/server'

export const routes: ServerPluginParts['routes'] = (app) => {
  /** The account's next planned visit, or `null`. */
  app.get('/accounts/:id/next', async (c) => {
    const ctx = c.get('ctx')
    const page = await ctx.records('visits.visit').list({
      filters: [
        { field: 'account', op: 'eq', value: c.req.param('id') },
        { field: 'status', op: 'eq', value: 'planned' },
        { field: 'scheduledAt', op: 'gte', value: ctx.core.now().toISOString() },
      ],
      sort: [{ field: 'scheduledAt', desc: false }],
      limit: 1,
    })
    return c.json({ visit: page.data[0] ?? null })
  })
}
