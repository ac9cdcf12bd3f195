/**
 * Writes the demo deals for the demo tenant, through the records service: the pipeline first (in case the
 * seed has not run), then forty deals over the accounts that buy.
 * @module
 */
import type { RecordData } from '@comptoir/core'
import type { ListQuery, RecordsService, SeedContext } from '@comptoir/core/server'
import { generateDeals, type StageSeed } from './demo-data'
import { refId } from '@comptoir/core'
import { seedStages } from './seed'

async function listAll(service: RecordsService, query: ListQuery): Promise<RecordData[]> {
  const out: RecordData[] = []
  let cursor: string | undefined
  do {
    const page = await service.list({ ...query, limit: 200, ...(cursor ? { cursor } : {}) })
    out.push(...page.data)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return out
}

const BUYERS = ['customer', 'prospect', 'partner', 'reseller']

export async function demo({ ctx }: SeedContext): Promise<void> {
  await seedStages(ctx)
  const stages = (await listAll(ctx.records('deals.stage'), { fields: ['position', 'kind'] })) as StageSeed[]
  const accounts = (await listAll(ctx.records('accounts.account'), { fields: ['type'] })).filter((a) =>
    BUYERS.includes(a.type),
  )
  if (accounts.length === 0) return
  const contactsByAccount = new Map<string, string[]>()
  for (const c of await listAll(ctx.records('contacts.contact'), { fields: ['account'] })) {
    const account = refId(c.account)
    if (account) contactsByAccount.set(account, [...(contactsByAccount.get(account) ?? []), c.id])
  }
  const deals = ctx.records('deals.deal')
  for (const data of generateDeals(
    accounts as { id: string; type: string }[],
    contactsByAccount,
    stages,
    new Date(),
  )) {
    await deals.create(data, { system: true })
  }
}
