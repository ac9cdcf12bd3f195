/**
 * The `complete` action: marks a planned visit done with its report, in the request's transaction, and
 * announces it with a `visits.visit.completed` event delivered after commit.
 * @module
 */
import type { ActionHandler } from '@comptoir/core/server'

export const completeVisit: ActionHandler = async function completeVisit(ctx, { record, body }) {
  const report = typeof body?.report === 'string' ? body.report : record.report
  // The route already checked `visits.visit.complete`; the update itself is part of that action.
  const done = await ctx
    .records('visits.visit')
    .update(record.id, { status: 'done', report }, record.version, { system: true })
  await ctx.emit('visits.visit.completed', { id: done.id, account: done.account.id, at: done.scheduledAt })
  return done
}
