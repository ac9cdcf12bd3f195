/**
 * `comptoir-plugin-visits/web`: the panel the manifest places on the account's detail page.
 * @module
 */
import { defineWebPlugin } from '@comptoir/core/web'

export default defineWebPlugin({
  id: 'visits',
  components: { 'visits.nextVisitPanel': () => import('./next-visit-panel') },
})
