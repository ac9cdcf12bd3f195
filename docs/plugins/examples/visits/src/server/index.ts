/**
 * `comptoir-plugin-visits/server`: migrations, the complete action, the status hook, the subscriber that
 * stamps the account, the routes under `/api/v1/p/visits` and the visit report PDF.
 * @module
 */
import { defineServerPlugin } from '@comptoir/core/server'
import { manifest } from '../manifest'
import { migrations } from '../migrations'
import { completeVisit } from './complete-visit'
import { hooks } from './hooks'
import { reportPdf } from './report-pdf'
import { routes } from './routes'
import { subscribers } from './subscribers'

export default defineServerPlugin(manifest, {
  migrations,
  actions: { 'visit.complete': completeVisit },
  hooks,
  subscribers,
  routes,
  pdfTemplates: [reportPdf],
})
export { manifest }
