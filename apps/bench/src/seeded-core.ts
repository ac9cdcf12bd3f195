/**
 * A Comptoir core in the bench's own process, over a query-logging database: it migrates and seeds the
 * measured database, and replays requests in-process to capture the SQL the records engine builds. It
 * never starts the job queue or the outbox: the measured server does that work.
 * @module
 */
import accounts from '@comptoir/plugin-accounts/server'
import contacts from '@comptoir/plugin-contacts/server'
import deals from '@comptoir/plugin-deals/server'
import leads from '@comptoir/plugin-leads/server'
import { type Core, createCore, type Database } from '@comptoir/core/server'
import { createQueryLog, type QueryLog } from './db/query-log'

/**
 * The plugins the server installs (`apps/server/src/comptoir.config.ts`). The server refuses to start
 * while a plugin of its own has pending migrations, so a plugin added there and not here stops the run.
 */
export const PLUGINS = [accounts, contacts, leads, deals]

/** The server's plan of tenants created without one: every installed plugin. */
const CONFIG = { plans: { entreprise: '*' as const }, defaultPlan: 'entreprise' }

export interface SeededCore {
  core: Core
  log: QueryLog
}

export function createSeededCore(db: Database): SeededCore {
  const log = createQueryLog(db)
  return { core: createCore({ db: log.db, plugins: PLUGINS, config: CONFIG }), log }
}
