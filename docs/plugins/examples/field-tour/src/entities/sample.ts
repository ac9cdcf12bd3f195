/**
 * One field of each type, with the options each type takes.
 * @module
 */
import { defineEntity, f } from '@comptoir/core'

export const sample = defineEntity({
  name: 'sample',
  title: ['label'],
  fields: {
    label: f.text({ required: true, searchable: true, maxLength: 80 }),
    code: f.text({ transform: 'upper', pattern: '^[A-Z0-9-]+$', unique: true }),
    description: f.longText(),
    email: f.email({ personal: true }),
    phone: f.phone(),
    website: f.url(),
    quantity: f.integer({ min: 0, default: 1 }),
    weight: f.decimal({ scale: 3 }),
    unitPrice: f.money({ min: 0 }),
    discount: f.percent(),
    total: f.computed({
      sql: 'quantity * unit_price * (100 - coalesce(discount, 0)) / 100',
      resultType: 'money',
    }),
    startsOn: f.date(),
    remindAt: f.datetime(),
    active: f.boolean(),
    kind: f.select({ options: ['goods', 'service'], default: 'goods' }),
    tags: f.multiSelect({ options: ['new', 'promo', 'seasonal'] }),
    parentSample: f.belongsTo('field-tour.sample', { noCycle: true, onDelete: 'keep' }),
    about: f.parent({ targets: ['field-tour.sample'] }),
    address: f.address(),
    manager: f.user(),
    attachment: f.file({ accept: ['application/pdf'], maxSize: 5_000_000 }),
  },
  list: { columns: ['label', 'kind', 'unitPrice', 'total'], sort: 'label' },
})
