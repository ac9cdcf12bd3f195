/**
 * The deals plugin's manifest: pure data, importable by the server, the web app and tests.
 * @module
 */
import { definePlugin, roleTemplates } from '@comptoir/core'
import { version } from '../package.json'
import { deal } from './entities/deal'
import { stage } from './entities/stage'
import en from './i18n/en.json'
import fr from './i18n/fr.json'

export const manifest = definePlugin({
  id: 'deals',
  version,
  core: '^0.1.0',
  dependsOn: { accounts: '^0.1.0', contacts: '^0.1.0' },
  entities: [stage, deal],
  i18n: { fr, en },
  navigation: [
    { id: 'deals', group: 'sales', entity: 'deal', icon: 'handshake', position: 40 },
    { id: 'pipeline', group: 'sales', page: 'pipeline', icon: 'kanban', position: 41 },
  ],
  roleTemplates: roleTemplates([{ ref: 'deals.stage', shared: true }, { ref: 'deals.deal' }]),
})
