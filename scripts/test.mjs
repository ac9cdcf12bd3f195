// `npm test`: every package's tests on embedded PGlite, then the browser suite when Chromium is present.
import { existsSync } from 'node:fs'
import { ensureBuilt, ensureInstalled, pnpm } from './lib.mjs'
import { findChromium } from './chromium.mjs'

ensureInstalled()
ensureBuilt()
let failed =
  pnpm(['exec', 'turbo', 'run', 'test', '--concurrency=1', '--continue', ...process.argv.slice(2)]) !== 0
const chromium = findChromium()
if (!chromium) {
  console.log(
    'Browser suite skipped: no Chromium found. Install it (apt-get install chromium) or set COMPTOIR_CHROMIUM to its path.',
  )
} else if (existsSync('apps/web/e2e')) {
  failed =
    pnpm(['--filter', '@comptoir/web', 'run', 'test:browser'], {
      env: { ...process.env, COMPTOIR_CHROMIUM: chromium },
    }) !== 0 || failed
}
process.exit(failed ? 1 : 0)
