/**
 * A pipeline stage, configurable per tenant: its order, the probability it gives new deals and whether
 * a deal in it is still open, won or lost.
 * @module
 */
import { defineEntity, f } from '@comptoir/core'
import { STAGE_KINDS } from './options'

export const stage = defineEntity({
  name: 'stage',
  icon: 'list-ordered',
  title: ['name'],
  ownership: 'none',
  tab: false,
  fields: {
    name: f.text({ required: true, maxLength: 100 }),
    position: f.integer({ required: true, min: 0 }),
    probability: f.percent({ required: true, default: 0 }),
    kind: f.select({ options: STAGE_KINDS, required: true, default: 'open' }),
  },
  list: { columns: ['position', 'name', 'probability', 'kind'], sort: 'position' },
  detail: { sections: [{ id: 'general', fields: ['name', 'position', 'probability', 'kind'] }] },
})
