/**
 * The contact: a person, usually at an account, with vtiger's fields, the org chart (reports to), other
 * accounts with a role, and the RGPD lawful basis of the processing of their data.
 * @module
 */
import { defineEntity, f } from '@comptoir/core'
import { ACCOUNT_ROLES, LAWFUL_BASES, LEAD_SOURCES, SALUTATIONS } from './options'
import { linkedinProfile } from './linkedin'

const personal = { personal: true }

export const contact = defineEntity({
  name: 'contact',
  icon: 'user',
  title: ['firstName', 'lastName'],
  search: ['firstName', 'lastName', 'email', 'number'],
  numbering: { field: 'number', prefix: 'CON-', padding: 5 },
  importKeys: ['email'],
  fields: {
    salutation: f.select({ options: SALUTATIONS }),
    firstName: f.text({ maxLength: 100, ...personal }),
    lastName: f.text({ required: true, maxLength: 100, ...personal }),
    number: f.text({ unique: true, readOnly: true, maxLength: 40 }),
    account: f.belongsTo('accounts.account', { onDelete: 'cascade' }),
    title: f.text({ maxLength: 150 }),
    department: f.text({ maxLength: 150 }),
    reportsTo: f.belongsTo('contacts.contact', { noCycle: true, relatedList: true }),
    assistant: f.text({ maxLength: 150, ...personal }),
    assistantPhone: f.phone(personal),
    leadSource: f.select({ options: LEAD_SOURCES }),
    officePhone: f.phone(personal),
    mobile: f.phone(personal),
    homePhone: f.phone(personal),
    otherPhone: f.phone(personal),
    fax: f.phone(personal),
    email: f.email({ indexed: true, ...personal }),
    secondaryEmail: f.email(personal),
    linkedin: f.url({ ...personal, validate: linkedinProfile }),
    doNotCall: f.boolean(),
    emailOptOut: f.boolean(),
    birthdate: f.date(personal),
    photo: f.file({
      accept: ['image/png', 'image/jpeg', 'image/webp'],
      maxSize: 2 * 1024 * 1024,
      ...personal,
    }),
    mailingAddress: f.address({ ...personal, indexedParts: ['city', 'postalCode'] }),
    otherAddress: f.address(personal),
    lawfulBasis: f.select({ options: LAWFUL_BASES }),
    consentDate: f.date(),
    consentSource: f.text({ maxLength: 255 }),
    description: f.longText(),
  },
  links: [{ kind: 'accounts', target: 'accounts.account', roleOptions: ACCOUNT_ROLES }],
  list: {
    columns: ['number', 'lastName', 'firstName', 'account', 'title', 'email', 'officePhone', 'mobile'],
    sort: 'lastName',
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
          'account',
          'title',
          'department',
          'reportsTo',
          'assistant',
          'assistantPhone',
          'leadSource',
        ],
      },
      {
        id: 'channels',
        fields: [
          'officePhone',
          'mobile',
          'homePhone',
          'otherPhone',
          'fax',
          'email',
          'secondaryEmail',
          'linkedin',
          'doNotCall',
          'emailOptOut',
        ],
      },
      { id: 'personal', fields: ['photo', 'birthdate'] },
      { id: 'addresses', fields: ['mailingAddress', 'otherAddress'] },
      { id: 'privacy', fields: ['lawfulBasis', 'consentDate', 'consentSource'] },
      { id: 'description', fields: ['description'] },
    ],
  },
  // Consent is only a lawful basis with its date (CPCE L.34-5: the proof of consent is on the sender).
  validate: (record) =>
    record.lawfulBasis === 'consent' && !record.consentDate
      ? [{ path: 'consentDate', code: 'consent_date_required' }]
      : undefined,
})
