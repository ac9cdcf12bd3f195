/**
 * Seeds a migrated database with the measured data set: one main tenant with its accounts and contacts,
 * and small tenants beside it, all through the bulk loader. Batches of the tenants are interleaved, so
 * their rows share heap pages as they do when many tenants work at once.
 * @module
 */
import { randomBytes } from 'node:crypto'
import { manifest as accountsManifest } from '@comptoir/plugin-accounts'
import { manifest as contactsManifest } from '@comptoir/plugin-contacts'
import { type Core, createTenant } from '@comptoir/core/server'
import { checkColumns, type LoadTarget, toRows, writeRows } from './bulk-loader'
import { type GeneratedAccount, generateAccounts, generateContacts } from './generate'

export interface DataSize {
  /** Contacts of the main tenant. */
  contacts: number
  /** Accounts of the main tenant. */
  accounts: number
  smallTenants: number
  /** Contacts of each small tenant (with a tenth as many accounts). */
  smallContacts: number
  /** Contacts of the main tenant's first account. */
  firstAccountContacts: number
}

export interface SeededTenant {
  id: string
  slug: string
  adminId: string
  adminEmail: string
  password: string
}

export interface SeededData {
  main: SeededTenant
  small: SeededTenant[]
  /** The main tenant's account with `firstAccountContacts` contacts. */
  bigAccountId: string
  now: Date
  seconds: number
  rows: number
}

const BATCH = 10_000
export const SEED = 20_261_127

async function newTenant(core: Core, slug: string, name: string): Promise<SeededTenant> {
  const password = randomBytes(18).toString('base64url')
  const adminEmail = `admin@${slug}.comptoir.test`
  const { tenantId, adminId } = await createTenant(core, {
    name,
    slug,
    admin: { email: adminEmail, password, name: `Admin ${name}` },
  })
  return { id: tenantId, slug, adminId, adminEmail, password }
}

function targets(core: Core, t: SeededTenant): { accounts: LoadTarget; contacts: LoadTarget } {
  return {
    accounts: { db: core.db, tenantId: t.id, ownerId: t.adminId, entity: accountsManifest.entity('account') },
    contacts: { db: core.db, tenantId: t.id, ownerId: t.adminId, entity: contactsManifest.entity('contact') },
  }
}

/**
 * Loads one tenant's accounts, then its contacts batch by batch, yielding after each batch so tenants
 * interleave. The next batch is generated and validated while the previous one is being written.
 */
async function* tenantLoad(
  core: Core,
  t: SeededTenant,
  seed: number,
  contacts: number,
  accounts: number,
  firstAccountContacts: number,
  now: Date,
): AsyncGenerator<number> {
  const to = targets(core, t)
  const acc: GeneratedAccount[] = generateAccounts(seed, Math.max(1, accounts), now)
  for (let i = 0; i < acc.length; i += BATCH)
    await writeRows(to.accounts, toRows(to.accounts, acc.slice(i, i + BATCH)))
  yield acc.length
  const plan = { count: contacts, firstAccountContacts }
  const batch = (i: number) =>
    toRows(to.contacts, generateContacts(seed, plan, acc, now, i, Math.min(contacts, i + BATCH)))
  let writing: Promise<void> | null = null
  let written = 0
  for (let i = 0; i < contacts; i += BATCH) {
    const rows = batch(i)
    if (writing) {
      await writing
      yield written
    }
    writing = writeRows(to.contacts, rows)
    written = rows.length
  }
  if (writing) {
    await writing
    yield written
  }
}

/** Checks the loader's column mapping against the migrated tables before writing anything. */
async function checkLoader(core: Core, t: SeededTenant, now: Date): Promise<void> {
  const to = targets(core, t)
  const acc = generateAccounts(1, 1, now)
  await checkColumns(to.accounts, toRows(to.accounts, acc)[0])
  const con = generateContacts(1, { count: 1, firstAccountContacts: 0 }, acc, now, 0, 1)
  await checkColumns(to.contacts, toRows(to.contacts, con)[0])
}

export async function seed(core: Core, size: DataSize, log: (line: string) => void): Promise<SeededData> {
  const started = performance.now()
  const now = new Date()
  const main = await newTenant(core, 'grand-compte', 'Grand Compte')
  await checkLoader(core, main, now)
  const small: SeededTenant[] = []
  for (let i = 1; i <= size.smallTenants; i++)
    small.push(await newTenant(core, `client-${String(i).padStart(2, '0')}`, `Client ${i}`))
  log(`tenants: 1 + ${small.length}`)
  const loads = [
    tenantLoad(core, main, SEED, size.contacts, size.accounts, size.firstAccountContacts, now),
    ...small.map((t, i) =>
      tenantLoad(core, t, SEED + i + 1, size.smallContacts, Math.ceil(size.smallContacts / 10), 0, now),
    ),
  ]
  let rows = 0
  let next = 1
  const logEvery = 100_000
  // The main tenant's batches alternate with the small tenants' in turn.
  for await (const n of loads[0]) {
    const before = rows
    rows += n
    for (let k = 0; k < 3 && next < loads.length; k++) {
      for await (const m of loads[next]) rows += m
      next++
    }
    if (Math.floor(rows / logEvery) > Math.floor(before / logEvery)) log(`rows: ${rows.toLocaleString('en')}`)
  }
  for (; next < loads.length; next++) for await (const m of loads[next]) rows += m
  await core.db.exec('VACUUM ANALYZE')
  const [big] = await core.db.system((tx) =>
    tx.query<{ id: string }>(
      `SELECT account_id AS id FROM contacts_contact WHERE tenant_id = $1 GROUP BY account_id ORDER BY count(*) DESC LIMIT 1`,
      [main.id],
    ),
  )
  const seconds = (performance.now() - started) / 1000
  log(`seeded ${rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s`)
  return { main, small, bigAccountId: big.id, now, seconds, rows }
}
