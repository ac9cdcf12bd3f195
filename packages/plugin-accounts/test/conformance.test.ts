import { frenchVatNumber } from '@comptoir/core'
import { runPluginConformance } from '@comptoir/core/testing'
import { withLuhnKey } from '../src/server/demo-data'
import accounts from '../src/server/index'

runPluginConformance(accounts, {
  samples: {
    // A complete, coherent French identity: SIRET of the SIREN, VAT number computed from it.
    'accounts.account': (_client, n) => {
      const siren = withLuhnKey(String(41_000_000 + n))
      return {
        name: `Menuiserie Conforme ${n}`,
        siren,
        siret: withLuhnKey(`${siren}0001`),
        vatNumber: frenchVatNumber(siren),
        nafCode: '16.23Z',
      }
    },
  },
})
