/**
 * The plugin's tables, for drizzle-kit (`pnpm db:generate`) and for plugins that reference them.
 * @module
 */
import { entityTable } from '@comptoir/core/schema'
import { manifest } from './manifest'

export const __entity__Table = entityTable(manifest, '__entity__')
