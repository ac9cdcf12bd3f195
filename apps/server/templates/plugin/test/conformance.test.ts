import { runPluginConformance } from '@comptoir/core/testing'
import plugin from '../src/server'

runPluginConformance(plugin)
