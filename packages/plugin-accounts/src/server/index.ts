/**
 * `@comptoir/plugin-accounts/server`: migrations, identity hooks, the hierarchy route and demo data of
 * the accounts plugin.
 * @module
 */
import { defineServerPlugin } from '@comptoir/core/server'
import { manifest } from '../manifest'
import { migrations } from '../migrations'
import { demo } from './demo'
import { routes } from './hierarchy'
import { hooks } from './hooks'

export default defineServerPlugin(manifest, { migrations, hooks, routes, demo })
export { manifest }
