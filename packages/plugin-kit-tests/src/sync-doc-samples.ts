/**
 * `pnpm --filter @comptoir/plugin-kit-tests docs:sync`: rewrites every marked code block of the guide from
 * its example file.
 * @module
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { syncSamples } from './doc-samples'
import { examplesDir, guideDir } from './paths'

for (const name of readdirSync(guideDir).filter((f) => f.endsWith('.md'))) {
  const path = join(guideDir, name)
  const before = readFileSync(path, 'utf8')
  const after = syncSamples(before, (file) => readFileSync(join(examplesDir, file), 'utf8'))
  if (after !== before) {
    writeFileSync(path, after)
    console.log(`updated ${name}`)
  }
}
