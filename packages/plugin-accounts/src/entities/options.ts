/**
 * Option lists of accounts, exported for the plugins that copy them (a lead's industry becomes its
 * account's industry on conversion, so both must offer the same values).
 * @module
 */

/** vtiger's industries. */
export const INDUSTRIES = [
  'apparel',
  'banking',
  'biotechnology',
  'chemicals',
  'communications',
  'construction',
  'consulting',
  'education',
  'electronics',
  'energy',
  'engineering',
  'entertainment',
  'environmental',
  'finance',
  'food_beverage',
  'government',
  'healthcare',
  'hospitality',
  'insurance',
  'machinery',
  'manufacturing',
  'media',
  'not_for_profit',
  'recreation',
  'retail',
  'shipping',
  'technology',
  'telecommunications',
  'transportation',
  'utilities',
  'other',
] as const

/** vtiger's ratings. */
export const RATINGS = ['acquired', 'active', 'market_failed', 'project_cancelled', 'shutdown'] as const

export const ACCOUNT_TYPES = [
  'customer',
  'prospect',
  'partner',
  'supplier',
  'reseller',
  'competitor',
  'investor',
  'press',
  'analyst',
  'integrator',
  'other',
] as const

export const LEGAL_FORMS = [
  'sas',
  'sasu',
  'sarl',
  'eurl',
  'sa',
  'snc',
  'ei',
  'micro_entreprise',
  'association',
  'other',
] as const

/** Default payment terms of the account's documents. */
export const PAYMENT_TERMS = ['immediate', 'days_30', 'days_45_end_of_month', 'days_60'] as const
