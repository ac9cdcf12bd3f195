/** The field tour's table, for drizzle-kit. */
import { entityTable } from '@comptoir/core/schema'
import { manifest } from './manifest'

export const sampleTable = entityTable(manifest, 'sample')
