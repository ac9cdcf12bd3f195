/**
 * The accounts plugin's manifest: pure data, importable by the server, the web app and tests.
 * @module
 */
import { definePlugin, roleTemplates } from '@comptoir/core'
import { version } from '../package.json'
import { account } from './entities/account'
import en from './i18n/en.json'
import fr from './i18n/fr.json'

export const manifest = definePlugin({
  id: 'accounts',
  version,
  core: '^0.1.0',
  entities: [account],
  i18n: { fr, en },
  navigation: [{ id: 'accounts', group: 'sales', entity: 'account', icon: 'building-2', position: 20 }],
  roleTemplates: roleTemplates([{ ref: 'accounts.account' }]),
})
