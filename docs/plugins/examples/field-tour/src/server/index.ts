/** `comptoir-plugin-field-tour/server`: only migrations; everything else is core's generic behaviour. */
import { defineServerPlugin } from '@comptoir/core/server'
import { manifest } from '../manifest'

export default defineServerPlugin(manifest, { migrations: new URL('../../drizzle', import.meta.url) })
