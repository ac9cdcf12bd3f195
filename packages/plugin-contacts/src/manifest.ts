/**
 * The contacts plugin's manifest: pure data, importable by the server, the web app and tests.
 * @module
 */
import { definePlugin, roleTemplates } from '@comptoir/core'
import { version } from '../package.json'
import { contact } from './entities/contact'
import en from './i18n/en.json'
import fr from './i18n/fr.json'

export const manifest = definePlugin({
  id: 'contacts',
  version,
  core: '^0.1.0',
  dependsOn: { accounts: '^0.1.0' },
  entities: [contact],
  i18n: { fr, en },
  navigation: [{ id: 'contacts', group: 'sales', entity: 'contact', icon: 'user', position: 30 }],
  roleTemplates: roleTemplates([{ ref: 'contacts.contact' }]),
})
