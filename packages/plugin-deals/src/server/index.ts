/**
 * `@comptoir/plugin-deals/server`: migrations, the default pipeline, the stage hooks and demo data of
 * the deals plugin.
 * @module
 */
import { defineServerPlugin } from '@comptoir/core/server'
import { manifest } from '../manifest'
import { migrations } from '../migrations'
import { demo } from './demo'
import { hooks } from './hooks'
import { seed } from './seed'

export default defineServerPlugin(manifest, { migrations, seed, demo, hooks })
export { manifest }
