/**
 * Writes the demo leads for the demo tenant, then converts a few qualified ones through the convert
 * action, with a deal when the deals plugin is enabled, so the demo shows both sides of a conversion.
 * @module
 */
import type { SeedContext } from '@comptoir/core/server'
import { convert } from './convert'
import { generateLeads } from './demo-data'
import { defaultCloseDate } from './lead-rules'

const CONVERTED = 4

export async function demo({ ctx }: SeedContext): Promise<void> {
  const leads = ctx.records('leads.lead')
  let converted = 0
  for (const data of generateLeads()) {
    const lead = await leads.create(data, { system: true })
    if (data.status !== 'qualified' || converted >= CONVERTED) continue
    converted++
    const deal = ctx.enabled.has('deals')
      ? {
          name: `Premier équipement – ${data.company}`,
          amount: String(converted * 2500),
          closeDate: defaultCloseDate(ctx.core.now()),
        }
      : undefined
    await convert(ctx, {
      record: lead,
      body: { account: { mode: 'create' }, contact: { mode: 'create' }, deal },
    })
  }
}
