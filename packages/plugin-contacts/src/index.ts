/**
 * `@comptoir/plugin-contacts`: people at accounts, with their org chart, their other accounts with a
 * role, and the RGPD lawful basis of the processing of their data.
 * @module
 */
import { manifest } from './manifest'

export default manifest
export { manifest }
export { contact } from './entities/contact'
export { ACCOUNT_ROLES, LAWFUL_BASES, LEAD_SOURCES, SALUTATIONS } from './entities/options'
