/**
 * The lead (piste): a prospect not yet qualified, with vtiger's fields. Converting it creates (or reuses)
 * an account and a contact, and a deal when the deals plugin is enabled; the lead then keeps where it went
 * and becomes read-only.
 * @module
 */
import { defineEntity, f, frenchValidators } from '@comptoir/core'
import { checkAccountIdentity, INDUSTRIES, RATINGS } from '@comptoir/plugin-accounts'
import { LEAD_SOURCES, SALUTATIONS } from '@comptoir/plugin-contacts'
import { LEAD_STATUSES } from './options'

const personal = { personal: true }

export const lead = defineEntity({
  name: 'lead',
  icon: 'target',
  title: ['firstName', 'lastName'],
  search: ['firstName', 'lastName', 'company', 'email', 'number'],
  numbering: { field: 'number', prefix: 'LEA-', padding: 5 },
  importKeys: ['email'],
  fields: {
    salutation: f.select({ options: SALUTATIONS }),
    firstName: f.text({ maxLength: 100, ...personal }),
    lastName: f.text({ required: true, maxLength: 100, ...personal }),
    number: f.text({ unique: true, readOnly: true, maxLength: 40 }),
    company: f.text({ required: true }),
    title: f.text({ maxLength: 150 }),
    leadSource: f.select({ options: LEAD_SOURCES }),
    industry: f.select({ options: INDUSTRIES }),
    status: f.select({ options: LEAD_STATUSES, required: true, default: 'not_contacted', indexed: true }),
    rating: f.select({ options: RATINGS }),
    annualRevenue: f.money({ min: 0 }),
    employees: f.integer({ min: 0 }),
    email: f.email({ indexed: true, ...personal }),
    secondaryEmail: f.email(personal),
    phone: f.phone(personal),
    mobile: f.phone(personal),
    fax: f.phone(),
    website: f.url(),
    emailOptOut: f.boolean(),
    doNotCall: f.boolean(),
    siren: f.text({ maxLength: 9, transform: 'digits', validate: frenchValidators.siren }),
    siret: f.text({ maxLength: 14, transform: 'digits', validate: frenchValidators.siret }),
    address: f.address(),
    convertedAt: f.datetime({ readOnly: true }),
    convertedAccount: f.belongsTo('accounts.account', { readOnly: true, relatedList: true }),
    convertedContact: f.belongsTo('contacts.contact', { readOnly: true, relatedList: true }),
    /** A `parent` reference: the deals plugin is optional, so no foreign key to its table. */
    convertedDeal: f.parent({ readOnly: true }),
    description: f.longText(),
  },
  actions: [
    {
      id: 'convert',
      permission: 'leads.lead.convert',
      visibleWhen: { field: 'status', notIn: ['converted'] },
      component: 'leads.convertDialog',
    },
  ],
  list: {
    columns: ['number', 'lastName', 'firstName', 'company', 'status', 'leadSource', 'email', 'phone'],
    sort: '-createdAt',
  },
  detail: {
    sections: [
      {
        id: 'general',
        fields: [
          'salutation',
          'firstName',
          'lastName',
          'number',
          'company',
          'title',
          'leadSource',
          'industry',
          'status',
          'rating',
          'annualRevenue',
          'employees',
        ],
      },
      {
        id: 'channels',
        fields: ['email', 'secondaryEmail', 'phone', 'mobile', 'fax', 'website', 'emailOptOut', 'doNotCall'],
      },
      { id: 'legal', fields: ['siren', 'siret'] },
      { id: 'address', fields: ['address'] },
      { id: 'conversion', fields: ['convertedAt', 'convertedAccount', 'convertedContact', 'convertedDeal'] },
      { id: 'description', fields: ['description'] },
    ],
  },
  validate: (record) => {
    const errors = checkAccountIdentity(record)
    return errors.length ? errors : undefined
  },
})
