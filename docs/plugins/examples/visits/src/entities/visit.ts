/**
 * A visit to an account: when, how long, its status and the report written afterwards.
 * @module
 */
import { defineEntity, f } from '@comptoir/core'

export const VISIT_STATUSES = ['planned', 'done', 'cancelled'] as const

export const visit = defineEntity({
  name: 'visit',
  title: ['subject'],
  fields: {
    subject: f.text({ required: true, searchable: true, maxLength: 120 }),
    account: f.belongsTo('accounts.account', { required: true, onDelete: 'cascade', relatedList: false }),
    scheduledAt: f.datetime({ required: true, indexed: true }),
    durationMinutes: f.integer({ min: 5, max: 600, default: 60 }),
    status: f.select({ options: VISIT_STATUSES, default: 'planned', indexed: true }),
    report: f.longText(),
  },
  list: { columns: ['scheduledAt', 'subject', 'account', 'status'], sort: '-scheduledAt' },
  detail: {
    sections: [
      { id: 'visit', fields: ['subject', 'account', 'scheduledAt', 'durationMinutes', 'status'] },
      { id: 'report', fields: ['report'] },
    ],
  },
  actions: [{ id: 'complete', visibleWhen: { field: 'status', in: ['planned'] } }],
  validate: (record) =>
    record.status === 'done' && !record.report ? [{ path: 'report', code: 'required' }] : undefined,
})
