import accounts from '@comptoir/plugin-accounts/server'
import { runPluginConformance } from '@comptoir/core/testing'
import visits from '../src/server'

runPluginConformance(visits, { with: [accounts] })
