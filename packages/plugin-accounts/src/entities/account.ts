/**
 * The account (compte): a company or organisation, with vtiger's fields plus its French legal identity.
 * @module
 */
import { defineEntity, f, frenchValidators } from '@comptoir/core'
import { checkAccountIdentity } from './account-identity'
import { ACCOUNT_TYPES, INDUSTRIES, LEGAL_FORMS, PAYMENT_TERMS, RATINGS } from './options'

export const account = defineEntity({
  name: 'account',
  icon: 'building-2',
  title: ['name'],
  search: ['name', 'legalName', 'number', 'siren'],
  numbering: { field: 'number', prefix: 'ACC-', padding: 5 },
  importKeys: ['siren', 'siret'],
  fields: {
    name: f.text({ required: true }),
    number: f.text({ unique: true, readOnly: true, maxLength: 40 }),
    type: f.select({ options: ACCOUNT_TYPES, default: 'prospect' }),
    industry: f.select({ options: INDUSTRIES }),
    rating: f.select({ options: RATINGS }),
    ownership: f.text({ maxLength: 100 }),
    employees: f.integer({ min: 0 }),
    annualRevenue: f.money({ min: 0 }),
    parentAccount: f.belongsTo('accounts.account', { noCycle: true }),
    phone: f.phone(),
    otherPhone: f.phone(),
    fax: f.phone(),
    email: f.email(),
    secondaryEmail: f.email(),
    website: f.url(),
    emailOptOut: f.boolean(),
    legalName: f.text(),
    legalForm: f.select({ options: LEGAL_FORMS }),
    siren: f.text({ maxLength: 9, transform: 'digits', indexed: true, validate: frenchValidators.siren }),
    siret: f.text({ maxLength: 14, transform: 'digits', validate: frenchValidators.siret }),
    vatNumber: f.text({ maxLength: 20, transform: 'upper', validate: frenchValidators.vatNumber }),
    nafCode: f.text({ maxLength: 6, transform: 'upper', validate: frenchValidators.naf }),
    shareCapital: f.money({ min: 0 }),
    billingAddress: f.address({ indexedParts: ['city', 'postalCode'] }),
    shippingAddress: f.address(),
    paymentTerms: f.select({ options: PAYMENT_TERMS }),
    description: f.longText(),
  },
  list: {
    columns: ['number', 'name', 'type', 'industry', 'phone', 'email', 'billingAddress'],
    sort: 'name',
  },
  detail: {
    sections: [
      {
        id: 'general',
        fields: [
          'name',
          'number',
          'type',
          'industry',
          'rating',
          'ownership',
          'employees',
          'annualRevenue',
          'parentAccount',
          'phone',
          'otherPhone',
          'fax',
          'email',
          'secondaryEmail',
          'website',
          'emailOptOut',
        ],
      },
      {
        id: 'legal',
        fields: ['legalName', 'legalForm', 'siren', 'siret', 'vatNumber', 'nafCode', 'shareCapital'],
      },
      { id: 'addresses', fields: ['billingAddress', 'shippingAddress'] },
      { id: 'billing', fields: ['paymentTerms'] },
      { id: 'description', fields: ['description'] },
    ],
  },
  validate: (record) => {
    const errors = checkAccountIdentity(record)
    return errors.length ? errors : undefined
  },
})
