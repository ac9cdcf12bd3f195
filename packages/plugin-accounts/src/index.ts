/**
 * `@comptoir/plugin-accounts`: companies and organisations (comptes), with their French legal identity
 * (SIREN, SIRET, VAT number, NAF code, legal form), hierarchy, addresses and payment terms.
 * @module
 */
import { manifest } from './manifest'

export default manifest
export { manifest }
export { account } from './entities/account'
export { checkAccountIdentity, compactVatNumber, formatNafCode } from './entities/account-identity'
export { ACCOUNT_TYPES, INDUSTRIES, LEGAL_FORMS, PAYMENT_TERMS, RATINGS } from './entities/options'
