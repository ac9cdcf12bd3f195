/**
 * The server's configuration: the installed plugins (package names whose `./server` entry exports a
 * Comptoir server plugin) and the subscription plans (plugin ids, `*` for everything installed).
 * `COMPTOIR_PLUGINS` overrides the plugin list.
 */
import type { Plans } from '@comptoir/core/server'

export const installedPlugins: string[] = [
  '@comptoir/plugin-accounts',
  '@comptoir/plugin-contacts',
  '@comptoir/plugin-leads',
  '@comptoir/plugin-deals',
]

export const plans: Plans = {
  essentiel: ['accounts', 'contacts', 'leads'],
  pro: ['accounts', 'contacts', 'leads', 'deals'],
  entreprise: '*',
}

/** Plan of tenants created without one: the demo tenant and self-hosted installs get everything. */
export const defaultPlan = 'entreprise'
