/**
 * `__package__/web`: the plugin's web part. Lists, detail pages and forms are the generic ones driven by
 * the metadata; the plugin adds the summary panel its entity's `panels` refer to.
 * @module
 */
import { defineWebPlugin } from '@comptoir/core/web'

export default defineWebPlugin({
  id: '__id__',
  components: { '__id__.summaryPanel': () => import('./summary-panel') },
})
