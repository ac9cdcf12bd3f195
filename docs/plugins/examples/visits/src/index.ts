/**
 * `comptoir-plugin-visits`: customer visits for Comptoir. The manifest and the entity, importable anywhere.
 * @module
 */
import { manifest } from './manifest'

export default manifest
export { manifest }
export { VISIT_STATUSES, visit } from './entities/visit'
