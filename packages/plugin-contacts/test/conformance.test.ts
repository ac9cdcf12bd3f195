import accounts from '@comptoir/plugin-accounts/server'
import { runPluginConformance } from '@comptoir/core/testing'
import contacts from '../src/server/index'

runPluginConformance(contacts, {
  with: [accounts],
  samples: {
    // A contact at an account, so trash and restore run with a parent.
    'contacts.contact': async (client, n) => {
      const account = await client.post('/api/v1/records/accounts.account', { name: `Atelier Conforme ${n}` })
      return {
        firstName: 'Élodie',
        lastName: `Martin ${n}`,
        account: account.body.id,
        email: `elodie.martin.${n}@atelier-conforme.fr`,
      }
    },
  },
})
