/**
 * `@comptoir/plugin-leads/web`: the leads plugin's web part — the convert dialog that the `convert`
 * action opens. Lists, detail pages and forms are the generic ones driven by the metadata.
 * @module
 */
import { defineWebPlugin } from '@comptoir/core/web'

export default defineWebPlugin({
  id: 'leads',
  components: { 'leads.convertDialog': () => import('./convert-dialog') },
})
