/**
 * `@comptoir/plugin-deals/web`: the deals plugin's web part — the sales pipeline page (a board of the
 * deals by stage) and its button on the deals list. Lists, detail pages and forms are the generic ones
 * driven by the metadata.
 * @module
 */
import { defineWebPlugin } from '@comptoir/core/web'

export default defineWebPlugin({
  id: 'deals',
  pages: [{ id: 'pipeline', path: 'pipeline', component: () => import('./pipeline-page') }],
  slots: [{ slot: 'record.list.toolbar', entity: 'deals.deal', component: () => import('./pipeline-link') }],
})
