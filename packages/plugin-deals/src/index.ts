/**
 * `@comptoir/plugin-deals`: deals (affaires) moving through a per-tenant pipeline of stages, with their
 * probability and weighted amount.
 * @module
 */
import { manifest } from './manifest'

export default manifest
export { manifest }
export { deal } from './entities/deal'
export { stage } from './entities/stage'
export { DEAL_TYPES, STAGE_KINDS } from './entities/options'
