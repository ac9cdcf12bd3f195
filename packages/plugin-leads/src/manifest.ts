/**
 * The leads plugin's manifest: pure data, importable by the server, the web app and tests.
 * @module
 */
import { definePlugin, roleTemplates } from '@comptoir/core'
import { version } from '../package.json'
import { lead } from './entities/lead'
import en from './i18n/en.json'
import fr from './i18n/fr.json'

export const manifest = definePlugin({
  id: 'leads',
  version,
  core: '^0.1.0',
  dependsOn: { accounts: '^0.1.0', contacts: '^0.1.0' },
  entities: [lead],
  permissions: [{ key: 'leads.lead.convert' }],
  i18n: { fr, en },
  navigation: [{ id: 'leads', group: 'sales', entity: 'lead', icon: 'target', position: 10 }],
  roleTemplates: roleTemplates([{ ref: 'leads.lead', actions: ['leads.lead.convert'] }]),
})
