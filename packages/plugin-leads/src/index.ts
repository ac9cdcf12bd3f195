/**
 * `@comptoir/plugin-leads`: leads (pistes) with vtiger's statuses and sources, a duplicate warning, and
 * their conversion into an account, a contact and, when the deals plugin is enabled, a deal.
 * @module
 */
import { manifest } from './manifest'

export default manifest
export { manifest }
export { lead } from './entities/lead'
export { LEAD_STATUSES } from './entities/options'
