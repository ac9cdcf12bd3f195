/**
 * The __id__ plugin's manifest: pure data, importable by the server, the web app and tests.
 * @module
 */
import { definePlugin } from '@comptoir/core'
import { version } from '../package.json'
import { __entity__ } from './entities/__entity_file__'
import en from './i18n/en.json'
import fr from './i18n/fr.json'
import { roleTemplates } from './role-templates'

export const manifest = definePlugin({
  id: '__id__',
  version,
  core: '__core_range__',
  entities: [__entity__],
  i18n: { fr, en },
  navigation: [{ id: '__entity__', group: 'tools', entity: '__entity__' }],
  roleTemplates,
})
