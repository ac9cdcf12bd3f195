/**
 * Filter hooks of the visits plugin. They run inside the write's transaction; throwing refuses the write.
 * @module
 */
import { type FilterHook, ValidationError } from '@comptoir/core/server'

/** A visit that is done or cancelled is never planned again: plan a new one instead. */
const noReopen: FilterHook = function noReopen(_ctx, { data, before }) {
  if (before && before.status !== 'planned' && data.status === 'planned')
    throw new ValidationError([{ path: 'status', code: 'visits:error.reopen' }])
}

export const hooks: Record<string, FilterHook> = { 'visits.visit.beforeUpdate': noReopen }
