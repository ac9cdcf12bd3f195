// Root script runner: `npm run <task>` makes sure dependencies are installed, then runs the task.
import { join } from 'node:path'
import { ensureBuilt, ensureInstalled, mustPnpm, root, run } from './lib.mjs'

const [task, ...rest] = process.argv.slice(2)
ensureInstalled()
switch (task) {
  case 'build':
  case 'typecheck':
    mustPnpm(['exec', 'turbo', 'run', task, ...rest])
    break
  case 'dev':
    mustPnpm(['exec', 'turbo', 'run', 'dev', '--filter=@comptoir/server', '--filter=@comptoir/web', ...rest])
    break
  case 'lint':
    mustPnpm(['exec', 'biome', 'ci', '.', ...rest])
    if (run(process.execPath, [join(root, 'scripts/lint-sql.mjs')]) !== 0) process.exit(1)
    break
  case 'format':
    mustPnpm(['exec', 'biome', 'check', '--write', '.', ...rest])
    break
  case 'bench':
    ensureBuilt()
    process.exit(run(process.execPath, [join(root, 'apps/bench/dist/main.js'), ...rest]))
    break
  case 'comptoir':
    ensureBuilt()
    process.exit(run(process.execPath, [join(root, 'apps/server/dist/main.js'), ...rest]))
    break
  default:
    console.error(`Unknown task: ${task}`)
    process.exit(2)
}
