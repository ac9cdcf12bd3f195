/**
 * Option lists of contacts, exported for the plugins that copy them (a lead's salutation and source
 * become its contact's on conversion; deals share the lead sources).
 * @module
 */

/** M., Mme, Dr, Pr, Me (maître: lawyers and notaries). */
export const SALUTATIONS = ['mr', 'mrs', 'dr', 'prof', 'me'] as const

export const LEAD_SOURCES = [
  'cold_call',
  'existing_customer',
  'self_generated',
  'employee',
  'partner',
  'public_relations',
  'direct_mail',
  'conference',
  'trade_show',
  'website',
  'word_of_mouth',
  'other',
] as const

/** RGPD lawful basis of the processing of the contact's data (art. 6). */
export const LAWFUL_BASES = ['consent', 'contract', 'legitimate_interest', 'legal_obligation'] as const

/** Role of a contact at one of its other accounts. */
export const ACCOUNT_ROLES = [
  'decision_maker',
  'influencer',
  'buyer',
  'user',
  'accountant',
  'consultant',
  'technical',
  'other',
] as const
