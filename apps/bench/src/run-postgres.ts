/**
 * The run on PostgreSQL: migrate and seed a dedicated database, start the Comptoir server and the floor
 * server on it, capture the engine's SQL, then measure everything, each beside its floor.
 * @module
 */
import { createApp, createPostgresDatabase } from '@comptoir/core/server'
import { captureStatements } from './capture'
import type { BenchContext } from './context'
import { type SeededData, seed } from './data/seed'
import { hasPgbench } from './load/pgbench-target'
import { measureExport } from './measures/export'
import { measureImport } from './measures/import'
import { measureListPages } from './measures/list-pages'
import { measureHealth, measurePdf } from './measures/pdf-and-health'
import { measurePlans } from './measures/plans'
import { measureRecordReads, measureRecordWrites } from './measures/record-rw'
import { measureSearch } from './measures/search'
import { measureColdStart, measureIdleRss, measureSoak } from './measures/startup-and-soak'
import type { BenchOptions } from './options'
import { startFloor } from './procs/floor-process'
import { startServer } from './procs/server-process'
import type { Report } from './report/report'
import { buildScenario, type Scenario, signIn } from './scenario'
import { createSeededCore } from './seeded-core'

/** Migrates and seeds `url`; the bench's core stays open for capture and plans. */
export async function seedPostgres(url: string, opts: BenchOptions, log: (l: string) => void) {
  const seeded = createSeededCore(createPostgresDatabase({ url, max: 4 }))
  log('migrating')
  await seeded.core.migrate()
  log('seeding')
  const data = await seed(seeded.core, opts.data, log)
  return { ...seeded, data }
}

/** Starts a server on a seeded database and signs in (the first start creates the demo workspace). */
export async function serveSeeded(url: string, data: SeededData, contacts: number) {
  const server = await startServer({ databaseUrl: url })
  const session = await signIn(server.base, data.main)
  const scenario = await buildScenario(session, contacts, data.bigAccountId)
  return { server, scenario }
}

export async function runPostgres(
  url: string,
  opts: BenchOptions,
  report: Report,
  log: (l: string) => void,
  alongside?: (scenario: Scenario) => Promise<void>,
): Promise<SeededData> {
  const { core, log: queryLog, data } = await seedPostgres(url, opts, log)
  report.metric('seed_seconds', data.seconds)
  report.metric('seed_rows_per_s', data.rows / data.seconds)
  try {
    const first = await startServer({ databaseUrl: url })
    await first.stop()
    await report.attempt('cold_start', () =>
      measureColdStart(report, { databaseUrl: url }, opts.coldStarts, '', log),
    )
    const { server, scenario } = await serveSeeded(url, data, opts.data.contacts)
    try {
      await measureIdleRss(report, server)
      const captured = await captureStatements(queryLog, createApp(core), scenario)
      const floor = await startFloor({
        databaseUrl: url,
        statements: captured.statements,
        writer: { tenantId: captured.tenantId, userId: captured.userId },
      })
      try {
        const ctx: BenchContext = {
          schedule: opts.schedule,
          report,
          log,
          server,
          floor,
          scenario,
          captured,
          data,
          url,
          pgbench: hasPgbench(),
        }
        if (!ctx.pgbench)
          report.note('pgbench is not installed: the SQL-alone floor of the list pages is missing.')
        log('explaining the hot statements')
        await report.attempt('plans', () => measurePlans(report, core.db, captured))
        await report.attempt('list', () => measureListPages(ctx))
        await report.attempt('search', () => measureSearch(ctx))
        await report.attempt('get', () => measureRecordReads(ctx))
        await report.attempt('write', () => measureRecordWrites(ctx))
        const node = {
          schedule: opts.schedule,
          report,
          log,
          session: scenario.session,
          contactId: scenario.ids[0],
          floor,
        }
        await report.attempt('pdf', () => measurePdf(node))
        await report.attempt('health', () => measureHealth(node))
        await report.attempt('export', () => measureExport(ctx, opts.data.contacts))
        await report.attempt('import', () =>
          measureImport(ctx, {
            core,
            rows: opts.importRows,
            timeoutSeconds: Math.max(60, opts.importRows / 500),
          }),
        )
        if (alongside) await alongside(scenario)
        await report.attempt('soak', () => measureSoak(report, server, scenario, opts.soakSeconds, log))
      } finally {
        await floor.stop()
      }
    } finally {
      await server.stop()
    }
  } finally {
    await core.db.close()
  }
  return data
}
