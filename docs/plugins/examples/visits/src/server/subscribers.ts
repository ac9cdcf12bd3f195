/**
 * Event subscribers: they run after commit, at least once, from the outbox.
 * @module
 */
import type { EventSubscriber } from '@comptoir/core/server'

/** Stamps the account with the date of its latest completed visit (a field this plugin adds). */
const stampAccount: EventSubscriber = async function stampAccount(event, { withTenant }) {
  await withTenant(async (ctx) => {
    const accounts = ctx.records('accounts.account')
    const account = await accounts.get(event.payload.account)
    if (account.lastVisitAt && account.lastVisitAt >= event.payload.at) return
    await accounts.update(account.id, { lastVisitAt: event.payload.at }, account.version, { system: true })
  })
}

export const subscribers: Record<string, EventSubscriber> = { 'visits.visit.completed': stampAccount }
