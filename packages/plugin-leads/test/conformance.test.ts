import accounts from '@comptoir/plugin-accounts/server'
import contacts from '@comptoir/plugin-contacts/server'
import { runPluginConformance } from '@comptoir/core/testing'
import leads from '../src/server/index'

runPluginConformance(leads, {
  with: [accounts, contacts],
  samples: {
    'leads.lead': (_client, n) => ({
      firstName: 'Julien',
      lastName: `Moreau ${n}`,
      company: `Plomberie du Lac ${n}`,
      email: `julien.moreau.${n}@plomberie-du-lac.fr`,
      status: 'contacted',
    }),
  },
})
