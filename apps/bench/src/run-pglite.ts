/**
 * The embedded database: the quick data set seeded into a PGlite data directory, served by the same
 * server (`COMPTOIR_DATA_DIR`), and the first page, `q=` search and GET by id measured beside the same
 * requests on native PostgreSQL with the same data set, interleaved.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPgliteDatabase } from '@comptoir/core/server'
import { seed } from './data/seed'
import { httpTarget } from './load/http-target'
import { interleave } from './load/interleave'
import { measureHealth, measurePdf } from './measures/pdf-and-health'
import { measureColdStart } from './measures/startup-and-soak'
import type { BenchOptions } from './options'
import { startFloor } from './procs/floor-process'
import { startServer } from './procs/server-process'
import { onSignalCleanup } from './procs/children'
import { fmt, type Report, x } from './report/report'
import { buildScenario, type Scenario, signIn } from './scenario'
import { createSeededCore } from './seeded-core'

export interface PgliteRun {
  scenario: Scenario
  stop(): Promise<void>
}

/** Seeds a fresh PGlite data directory and serves it. */
export async function startPglite(
  opts: BenchOptions,
  report: Report,
  log: (l: string) => void,
): Promise<PgliteRun> {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-bench-pglite-'))
  const guard = opts.keep
    ? { release() {} }
    : onSignalCleanup(async () => rmSync(dir, { recursive: true, force: true }))
  log(`PGlite: seeding ${opts.data.contacts.toLocaleString('en')} contacts in ${dir}`)
  const t0 = performance.now()
  const db = await createPgliteDatabase({ dataDir: join(dir, 'db') })
  const { core } = createSeededCore(db)
  await core.migrate()
  const data = await seed(core, opts.data, log)
  await db.close()
  report.metric('pglite_seed_seconds', (performance.now() - t0) / 1000)
  const first = await startServer({ dataDir: dir })
  await first.stop()
  await report.attempt('pglite_cold_start', () =>
    measureColdStart(report, { dataDir: dir }, opts.coldStarts, 'pglite_', log),
  )
  const server = await startServer({ dataDir: dir })
  const scenario = await buildScenario(
    await signIn(server.base, data.main),
    opts.data.contacts,
    data.bigAccountId,
  )
  report.metric('pglite_rss_mb', server.rssMb())
  return {
    scenario,
    async stop() {
      await server.stop()
      guard.release()
      if (!opts.keep) rmSync(dir, { recursive: true, force: true })
      else report.note(`PGlite data kept in ${dir}`)
    },
  }
}

/** PGlite beside native PostgreSQL, request by request. */
export async function comparePglite(
  opts: BenchOptions,
  report: Report,
  log: (l: string) => void,
  lite: Scenario,
  native: Scenario,
) {
  const measures = [
    { name: 'list_first', label: 'first page', path: (s: Scenario) => s.paths.first },
    { name: 'search_contacts', label: `q= search`, path: (s: Scenario) => s.paths.search },
    {
      name: 'get',
      label: 'GET by id',
      path: (s: Scenario, n: number) => `/api/v1/records/contacts.contact/${s.ids[n % s.ids.length]}`,
    },
  ]
  for (const m of measures) {
    log(`PGlite beside PostgreSQL: ${m.label}`)
    const target = (name: string, s: Scenario) =>
      httpTarget(name, {
        base: s.session.base,
        next: (_w, n) => ({ path: m.path(s, n), headers: { cookie: s.session.cookie } }),
      })
    const r = await interleave([target('pglite', lite), target('native', native)], opts.schedule)
    report.summary(`pglite_${m.name}`, r.pglite)
    report.summary(`pglite_${m.name}_native`, r.native)
    const ratio = report.ratio(`pglite_${m.name}_p50`, r.pglite.p50 / r.native.p50)
    report.row({
      measure: `PGlite: ${m.label}`,
      comptoir: fmt(r.pglite),
      floor: `PostgreSQL ${fmt(r.native)}`,
      ratio: `p50 ${x(ratio)}`,
    })
    report.budget(`PGlite ÷ PostgreSQL p50, ${m.label}`, ratio, '<=', 3)
  }
}

/** PGlite alone (no PostgreSQL to compare with): its figures, and the database-free floors. */
export async function measurePgliteAlone(
  opts: BenchOptions,
  report: Report,
  log: (l: string) => void,
  lite: Scenario,
) {
  for (const [name, path] of [
    ['list_first', lite.paths.first],
    ['search_contacts', lite.paths.search],
  ] as const) {
    const r = await interleave(
      [
        httpTarget('pglite', {
          base: lite.session.base,
          next: () => ({ path, headers: { cookie: lite.session.cookie } }),
        }),
      ],
      opts.schedule,
    )
    report.summary(`pglite_${name}`, r.pglite)
    report.row({
      measure: `PGlite: ${name.replace('_', ' ')}`,
      comptoir: fmt(r.pglite),
      floor: '— (no PostgreSQL)',
      ratio: '—',
    })
  }
  const floor = await startFloor({ statements: {} })
  try {
    const node = {
      schedule: opts.schedule,
      report,
      log,
      session: lite.session,
      contactId: lite.ids[0],
      floor,
      prefix: 'pglite_',
    }
    await report.attempt('pglite_pdf', () => measurePdf(node))
    await report.attempt('pglite_health', () => measureHealth(node))
  } finally {
    await floor.stop()
  }
}
