/**
 * Writes the demo accounts for the demo tenant, through the records service.
 * @module
 */
import type { SeedContext } from '@comptoir/core/server'
import { generateAccounts } from './demo-data'

export async function demo({ ctx }: SeedContext): Promise<void> {
  const accounts = ctx.records('accounts.account')
  const ids = new Map<string, string>()
  for (const a of generateAccounts()) {
    const parentAccount = a.parent ? ids.get(a.parent) : undefined
    const created = await accounts.create(
      { ...a.data, ...(parentAccount ? { parentAccount } : {}) },
      { system: true },
    )
    ids.set(a.key, created.id)
  }
}
