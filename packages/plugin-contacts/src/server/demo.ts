/**
 * Writes the demo contacts for the demo tenant's accounts, through the records service.
 * @module
 */
import type { Address } from '@comptoir/core'
import type { RecordsService, SeedContext } from '@comptoir/core/server'
import { type AccountSeed, generateContacts } from './demo-data'

async function listAccounts(accounts: RecordsService): Promise<AccountSeed[]> {
  const out: AccountSeed[] = []
  let cursor: string | undefined
  do {
    const page = await accounts.list({
      fields: ['name', 'type', 'website', 'phone', 'billingAddress'],
      sort: [{ field: 'name', desc: false }],
      limit: 200,
      ...(cursor ? { cursor } : {}),
    })
    for (const a of page.data) {
      out.push({
        id: a.id,
        name: a.name,
        type: a.type,
        website: a.website,
        phone: a.phone,
        billingAddress: a.billingAddress as Address,
      })
    }
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return out
}

export async function demo({ ctx }: SeedContext): Promise<void> {
  const accounts = await listAccounts(ctx.records('accounts.account'))
  if (accounts.length === 0) return
  const contacts = ctx.records('contacts.contact')
  const ids: string[] = []
  for (const c of generateContacts(accounts, new Date())) {
    const reportsTo = c.reportsTo === undefined ? undefined : ids[c.reportsTo]
    const created = await contacts.create(
      { ...c.data, ...(reportsTo ? { reportsTo } : {}) },
      { system: true },
    )
    ids.push(created.id)
    if (c.otherAccount) await contacts.link(created.id, 'accounts', c.otherAccount.id, c.otherAccount.role)
  }
}
