/**
 * The leads plugin's tables, for drizzle-kit and for plugins that reference them.
 * @module
 */
import { entityTable } from '@comptoir/core/schema'
import { manifest } from './manifest'

export const leadTable = entityTable(manifest, 'lead')
