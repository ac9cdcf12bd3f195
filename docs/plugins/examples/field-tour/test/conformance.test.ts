import { runPluginConformance } from '@comptoir/core/testing'
import fieldTour from '../src/server'

runPluginConformance(fieldTour)
