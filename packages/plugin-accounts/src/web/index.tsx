/**
 * `@comptoir/plugin-accounts/web`: the accounts plugin's web part. Its pages are the generic list, detail
 * and form pages driven by the metadata; it adds the group panel (parents and subsidiaries) to the
 * account page.
 * @module
 */
import { defineWebPlugin } from '@comptoir/core/web'

export default defineWebPlugin({
  id: 'accounts',
  slots: [
    {
      slot: 'record.detail.sidebar',
      entity: 'accounts.account',
      position: 20,
      component: () => import('./hierarchy-panel'),
    },
  ],
})
