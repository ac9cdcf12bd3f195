/**
 * `@comptoir/plugin-contacts/server`: migrations and demo data of the contacts plugin.
 * @module
 */
import { defineServerPlugin } from '@comptoir/core/server'
import { manifest } from '../manifest'
import { migrations } from '../migrations'
import { demo } from './demo'

export default defineServerPlugin(manifest, { migrations, demo })
export { manifest }
