/**
 * The visits plugin's manifest: pure data, importable by the server, the web app and tests.
 * @module
 */
import { definePlugin, extendEntity, f } from '@comptoir/core'
import { version } from '../package.json'
import { visit } from './entities/visit'
import en from './i18n/en.json'
import fr from './i18n/fr.json'
import { roleTemplates } from './role-templates'

export const manifest = definePlugin({
  id: 'visits',
  version,
  core: '^0.1.0',
  dependsOn: { accounts: '^0.1.0' },
  entities: [visit],
  extends: [
    extendEntity('accounts.account', {
      fields: { lastVisitAt: f.datetime({ readOnly: true }) },
      relatedLists: [
        {
          id: 'visits',
          entity: 'visits.visit',
          via: 'account',
          columns: ['scheduledAt', 'subject', 'status'],
          sort: '-scheduledAt',
          position: 30,
        },
      ],
      panels: [{ slot: 'record.detail.sidebar', component: 'visits.nextVisitPanel', position: 30 }],
    }),
  ],
  i18n: { fr, en },
  navigation: [{ id: 'visits', group: 'sales', entity: 'visit', icon: 'calendar-check', position: 60 }],
  roleTemplates,
})
