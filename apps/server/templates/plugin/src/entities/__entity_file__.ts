/**
 * The `__entity__` entity: its fields, display title, list and detail layout, and the sidebar panel the
 * web part renders next to it.
 * @module
 */
import { defineEntity, f } from '@comptoir/core'

export const STATUSES = ['planned', 'done', 'cancelled'] as const

export const __entity__ = defineEntity({
  name: '__entity__',
  title: ['name'],
  fields: {
    name: f.text({ required: true, searchable: true }),
    status: f.select({ options: STATUSES, default: 'planned', indexed: true }),
    dueDate: f.date({ indexed: true }),
    notes: f.longText(),
  },
  list: { columns: ['name', 'status', 'dueDate'], sort: 'name' },
  detail: { sections: [{ id: 'main', fields: ['name', 'status', 'dueDate', 'notes'] }] },
  panels: [{ slot: 'record.detail.sidebar', component: '__id__.summaryPanel' }],
})
