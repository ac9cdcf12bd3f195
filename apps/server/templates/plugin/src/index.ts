/**
 * `__package__`: __title__ for Comptoir. The manifest and the entity, importable anywhere.
 * @module
 */
import { manifest } from './manifest'

export default manifest
export { manifest }
export { __entity__, STATUSES } from './entities/__entity_file__'
