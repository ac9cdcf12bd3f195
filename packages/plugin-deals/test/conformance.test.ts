import accounts from '@comptoir/plugin-accounts/server'
import contacts from '@comptoir/plugin-contacts/server'
import { runPluginConformance } from '@comptoir/core/testing'
import deals from '../src/server/index'

runPluginConformance(deals, {
  with: [accounts, contacts],
  samples: {
    'deals.stage': (_client, n) => ({
      name: `Étape ${n}`,
      position: 100 + n,
      probability: '30',
      kind: 'open',
    }),
    // A deal needs a stage that exists: the first open stage of the seeded pipeline.
    'deals.deal': async (client, n) => {
      const stages = await client.get(
        '/api/v1/records/deals.stage?filter[kind][eq]=open&sort=position&limit=1',
      )
      const account = await client.post('/api/v1/records/accounts.account', { name: `Garage Conforme ${n}` })
      return {
        name: `Contrat de maintenance ${n}`,
        account: account.body.id,
        stage: stages.body.data[0].id,
        amount: '4800.00',
        closeDate: '2026-12-15',
      }
    },
  },
})
