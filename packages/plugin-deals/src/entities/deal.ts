/**
 * The deal (affaire): an opportunity with an account, moving through the pipeline stages. Its weighted
 * amount is computed by the database from the amount and the probability.
 * @module
 */
import { defineEntity, f } from '@comptoir/core'
import { LEAD_SOURCES } from '@comptoir/plugin-contacts'
import { DEAL_TYPES } from './options'

export const deal = defineEntity({
  name: 'deal',
  icon: 'handshake',
  title: ['name'],
  search: ['name', 'number'],
  numbering: { field: 'number', prefix: 'DEA-', padding: 5 },
  fields: {
    name: f.text({ required: true }),
    number: f.text({ unique: true, readOnly: true, maxLength: 40 }),
    account: f.belongsTo('accounts.account', { required: true, onDelete: 'cascade' }),
    contact: f.belongsTo('contacts.contact'),
    type: f.select({ options: DEAL_TYPES }),
    leadSource: f.select({ options: LEAD_SOURCES }),
    stage: f.belongsTo('deals.stage', { required: true, onDelete: 'restrict', relatedList: false }),
    probability: f.percent(),
    amount: f.money({ min: 0 }),
    weightedAmount: f.computed({
      sql: 'round(coalesce(amount, 0) * coalesce(probability, 0) / 100, 2)',
      resultType: 'money',
    }),
    closeDate: f.date({ required: true, indexed: true }),
    nextStep: f.text(),
    lostReason: f.text(),
    description: f.longText(),
  },
  list: {
    columns: ['number', 'name', 'account', 'stage', 'amount', 'probability', 'weightedAmount', 'closeDate'],
    sort: 'closeDate',
  },
  detail: {
    sections: [
      { id: 'general', fields: ['name', 'number', 'account', 'contact', 'type', 'leadSource'] },
      {
        id: 'pipeline',
        fields: ['stage', 'probability', 'amount', 'weightedAmount', 'closeDate', 'nextStep', 'lostReason'],
      },
      { id: 'description', fields: ['description'] },
    ],
  },
})
