#!/usr/bin/env node
/**
 * `npm run bench -- [options]`: measures Comptoir beside its physical floors, prints the table, writes
 * it into `docs/performance.md` and ends with one JSON line of every metric.
 * @module
 */
import { join } from 'node:path'
import { parseOptions, USAGE } from './options'
import { jsonLine, writeDocs } from './report/render'
import { repoRoot } from './repo-root'
import { runBench } from './run-bench'

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help')) {
    console.log(USAGE)
    return
  }
  const opts = parseOptions(argv)
  const t0 = performance.now()
  const log = (line: string) =>
    console.error(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}`)
  const { report, markdown } = await runBench(opts, log)
  if (!opts.seedOnly) console.log(`\n${markdown}\n`)
  if (opts.writeDocs) {
    const file = join(repoRoot(), 'docs', 'performance.md')
    writeDocs(file, markdown)
    log(`wrote ${file}`)
  }
  log(`done in ${((performance.now() - t0) / 1000).toFixed(0)} s`)
  console.log(jsonLine(report))
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
