/**
 * The plugins the suite runs against: the real ones a Comptoir server installs, not test fixtures.
 * @module
 */
import accounts from '@comptoir/plugin-accounts/server'
import contacts from '@comptoir/plugin-contacts/server'
import deals from '@comptoir/plugin-deals/server'
import leads from '@comptoir/plugin-leads/server'

export const PLUGINS: unknown[] = [accounts, contacts, leads, deals]
