/**
 * `__package__/server`: the plugin's server part — its migrations and its routes under `/api/v1/p/__id__`.
 * @module
 */
import { defineServerPlugin } from '@comptoir/core/server'
import { manifest } from '../manifest'
import { migrations } from '../migrations'
import { routes } from './routes'

export default defineServerPlugin(manifest, { migrations, routes })
export { manifest }
