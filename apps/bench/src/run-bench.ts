/**
 * One bench run: PostgreSQL (a dedicated database, dropped after unless kept), then PGlite when asked,
 * then the web shell; the report, the generated block of `docs/performance.md` and the JSON line.
 * @module
 */
import { join } from 'node:path'
import postgres from 'postgres'
import { createBenchDatabase } from './db/bench-database'
import { median } from './load/stats'
import { measureShellJs } from './measures/shell-js'
import { onSignalCleanup } from './procs/children'
import type { BenchOptions } from './options'
import { describeMachine, endLoad } from './report/machine'
import { renderMarkdown, type RunInfo } from './report/render'
import { Report } from './report/report'
import { repoRoot } from './repo-root'
import { runPostgres, seedPostgres, serveSeeded } from './run-postgres'
import { comparePglite, measurePgliteAlone, type PgliteRun, startPglite } from './run-pglite'
import { SIZES } from './options'
import type { Scenario } from './scenario'

export interface BenchResult {
  report: Report
  run: RunInfo
  markdown: string
}

export async function runBench(opts: BenchOptions, log: (line: string) => void): Promise<BenchResult> {
  const report = new Report(opts.only)
  const date = new Date()
  let machine = await describeMachine()
  let rows = 0
  let seedSeconds = 0
  const databases: string[] = []
  let lite: PgliteRun | undefined
  try {
    if (opts.pglite && !opts.seedOnly) {
      lite = await startPglite(
        { ...opts, data: SIZES[opts.size === 'smoke' ? 'smoke' : 'quick'].data },
        report,
        log,
      )
      databases.push('PGlite (quick size)')
    }
    if (opts.databaseUrl) {
      const bdb = await createBenchDatabase(opts.databaseUrl)
      log(`database ${bdb.name}${opts.keep ? ' (kept)' : ''}`)
      const guard = opts.keep ? { release() {} } : onSignalCleanup(() => bdb.drop())
      databases.push(`PostgreSQL database ${bdb.name}`)
      const admin = postgres(bdb.url, { max: 1, onnotice: () => {} })
      machine = await describeMachine(admin)
      await admin.end()
      try {
        if (opts.seedOnly) {
          const seeded = await seedPostgres(bdb.url, opts, log)
          await seeded.core.db.close()
          log(`seeded and kept: ${bdb.url}`)
          rows = seeded.data.rows
          seedSeconds = seeded.data.seconds
          report.metric('seed_seconds', seedSeconds)
          report.metric('seed_rows_per_s', rows / seedSeconds)
        } else {
          const sameSize = opts.size !== 'full'
          const alongside =
            lite && sameSize
              ? (native: Scenario) =>
                  report.attempt('pglite', () => comparePglite(opts, report, log, lite!.scenario, native))
              : undefined
          const data = await runPostgres(bdb.url, opts, report, log, alongside)
          rows = data.rows
          seedSeconds = data.seconds
          if (lite && !sameSize)
            await report.attempt('pglite', () => compareWithQuickNative(opts, report, log, lite!))
        }
      } finally {
        guard.release()
        if (!opts.keep) await bdb.drop()
      }
    } else if (lite) {
      await report.attempt('pglite', () => measurePgliteAlone(opts, report, log, lite!.scenario))
    }
  } finally {
    await lite?.stop()
  }
  if (!opts.seedOnly) {
    await report.attempt('shell', () => measureShellJs(report, join(repoRoot(), 'apps', 'web', 'dist')))
    report.metric('noise_p50_spread_median', median(report.spreads))
  }
  endLoad(machine)
  const run: RunInfo = {
    date,
    size: opts.size,
    rows,
    mainContacts: opts.data.contacts,
    seedSeconds,
    machine,
    databases: databases.join(', '),
  }
  return { report, run, markdown: renderMarkdown(report, run) }
}

/** A full-size run compares PGlite with a second, quick-size PostgreSQL database. */
async function compareWithQuickNative(
  opts: BenchOptions,
  report: Report,
  log: (l: string) => void,
  lite: PgliteRun,
) {
  const quick = { ...opts, data: SIZES.quick.data }
  const bdb = await createBenchDatabase(opts.databaseUrl!)
  const guard = opts.keep ? { release() {} } : onSignalCleanup(() => bdb.drop())
  try {
    const seeded = await seedPostgres(bdb.url, quick, log)
    await seeded.core.db.close()
    const { server, scenario } = await serveSeeded(bdb.url, seeded.data, quick.data.contacts)
    try {
      await comparePglite(quick, report, log, lite.scenario, scenario)
    } finally {
      await server.stop()
    }
  } finally {
    guard.release()
    if (!opts.keep) await bdb.drop()
  }
}
