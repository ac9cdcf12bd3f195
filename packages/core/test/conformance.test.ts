import { runPluginConformance } from '../src/testing'
import crm from './fixtures/crm/server'
import notes from './fixtures/notes/server'

runPluginConformance(crm)
runPluginConformance(notes, { with: [crm] })
