// `npm start`: install, build, migrate the database and serve the API and the web app.
import { join } from 'node:path'
import { ensureBuilt, ensureInstalled, root, spawnInherit } from './lib.mjs'

ensureInstalled()
ensureBuilt()
const child = spawnInherit(process.execPath, [join(root, 'apps/server/dist/main.js'), 'serve', '--migrate'])
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 0)))
