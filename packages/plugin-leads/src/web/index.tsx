/**
 * `@comptoir/plugin-leads/web`: the leads plugin's web part — the convert dialog that the `convert`
 * action opens, the duplicate warning shown before a new lead is saved, and the Edit button hidden on a
 * converted lead. Lists, detail pages and forms are the generic ones driven by the metadata.
 * @module
 */
import { defineWebPlugin } from '@comptoir/core/web'

export default defineWebPlugin({
  id: 'leads',
  components: { 'leads.convertDialog': () => import('./convert-dialog') },
  slots: [
    { slot: 'record.form.beforeSave', entity: 'leads.lead', component: () => import('./duplicate-warning') },
  ],
  readOnlyWhen: { 'leads.lead': (lead) => lead.status === 'converted' },
})
