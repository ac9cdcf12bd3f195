/**
 * The contacts plugin's tables, for drizzle-kit and for plugins that reference them.
 * @module
 */
import { entityTable } from '@comptoir/core/schema'
import { manifest } from './manifest'

export const contactTable = entityTable(manifest, 'contact')
