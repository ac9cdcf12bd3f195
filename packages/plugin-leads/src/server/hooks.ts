/**
 * Hooks of the leads plugin: a converted lead is read-only, and only the convert action converts.
 * @module
 */
import { ConflictError, type FilterHook, ValidationError } from '@comptoir/core/server'
import { convertsByHand, isConverted } from './lead-rules'

function refuseHandConversion(ctx: Parameters<FilterHook>[0]): never {
  throw new ValidationError([
    { path: 'status', code: 'convert_with_action', message: ctx.t('leads:error.convert_with_action') },
  ])
}

const beforeCreate: FilterHook = function beforeCreate(ctx, { data }) {
  if (data.status === 'converted') refuseHandConversion(ctx)
}

const beforeUpdate: FilterHook = function beforeUpdate(ctx, { data, before }) {
  if (isConverted(before)) {
    throw new ConflictError('lead-converted-read-only', ctx.t('leads:error.lead-converted-read-only'))
  }
  if (convertsByHand(data)) refuseHandConversion(ctx)
}

export const hooks: Record<string, FilterHook> = {
  'leads.lead.beforeCreate': beforeCreate,
  'leads.lead.beforeUpdate': beforeUpdate,
}
