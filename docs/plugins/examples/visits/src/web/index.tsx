/**
 * `comptoir-plugin-visits/web`: the panel the manifest places on the account's detail page, and a link to
 * the visit report PDF contributed to the visit's detail sidebar.
 * @module
 */
import { defineWebPlugin } from '@comptoir/core/web'

export default defineWebPlugin({
  id: 'visits',
  components: { 'visits.nextVisitPanel': () => import('./next-visit-panel') },
  slots: [
    {
      slot: 'record.detail.sidebar',
      entity: 'visits.visit',
      position: 50,
      component: () => import('./print-report-link'),
    },
  ],
})
