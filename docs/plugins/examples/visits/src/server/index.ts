/**
 * `comptoir-plugin-visits/server`: migrations, the complete action, the status hook, the subscriber that
 * stamps the account, and the routes under `/api/v1/p/visits`.
 * @module
 */
import { defineServerPlugin } from '@comptoir/core/server'
import { manifest } from '../manifest'
import { migrations } from '../migrations'
import { completeVisit } from './complete-visit'
import { hooks } from './hooks'
import { routes } from './routes'
import { subscribers } from './subscribers'

export default defineServerPlugin(manifest, {
  migrations,
  actions: { 'visit.complete': completeVisit },
  hooks,
  subscribers,
  routes,
})
export { manifest }
