/**
 * Routes mounted at `/api/v1/p/__id__`, behind sign-in, the tenant transaction and the check that the plugin
 * is enabled. They reach data through `ctx.records()`, so tenancy and the user's rights apply.
 * @module
 */
import type { ServerPluginParts } from '@comptoir/core/server'
import { STATUSES } from '../entities/__entity_file__'

export const routes: ServerPluginParts['routes'] = (app) => {
  app.get('/summary', async (c) => {
    const records = c.get('ctx').records('__id__.__entity__')
    const byStatus: Record<string, number> = {}
    for (const status of STATUSES) {
      const page = await records.list({
        filters: [{ field: 'status', op: 'eq', value: status }],
        limit: 1,
        count: true,
      })
      byStatus[status] = page.total ?? 0
    }
    return c.json({ byStatus })
  })
}
