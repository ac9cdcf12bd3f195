/**
 * `@comptoir/plugin-leads/server`: migrations, the convert action, the read-only hooks, the duplicate
 * check route and demo data of the leads plugin.
 * @module
 */
import { defineServerPlugin } from '@comptoir/core/server'
import { manifest } from '../manifest'
import { migrations } from '../migrations'
import { convert } from './convert'
import { demo } from './demo'
import { routes } from './duplicates'
import { hooks } from './hooks'

export default defineServerPlugin(manifest, {
  migrations,
  actions: { 'lead.convert': convert },
  hooks,
  routes,
  demo,
})
export { manifest }
export { mapLeadToAccount, mapLeadToContact, mapLeadToDeal } from './mapping'
