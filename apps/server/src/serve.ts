/**
 * `comptoir serve`: migrate when asked (otherwise refuse to serve with pending migrations), make sure the
 * demo tenant exists, start the HTTP server and the background workers, stop cleanly on Ctrl-C. The stop
 * handler is in place from the moment the database is open: Ctrl-C during migrations or the first run's
 * demo data waits for the current transaction to end (or rolls the demo data back) and closes the database.
 */
import type { Server } from 'node:http'
import { serve as serveHttp } from '@hono/node-server'
import { createApp, StartupError } from '@comptoir/core/server'
import { boot } from './boot'
import { ensureDemoTenant } from './demo'
import { readEnv } from './env'
import { Interrupted } from './one-transaction'

export async function serve(opts: { migrate: boolean }): Promise<void> {
  const env = readEnv()
  const started = Date.now()
  const core = await boot(env)
  const interrupt = new AbortController()
  let server: Server | undefined
  let stopping: Promise<never> | undefined
  const stop = async (signal: string): Promise<never> => {
    console.log(`\n${signal}: stopping…`)
    interrupt.abort()
    server?.close()
    await core.stop()
    await core.db.close()
    console.log('Stopped.')
    process.exit(0)
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      stopping ??= stop(signal)
    })
  try {
    if (opts.migrate) {
      const applied = await core.migrate()
      if (applied.length) console.log(`Applied ${applied.length} migration(s).`)
    } else {
      const pending = await core.pendingMigrations()
      if (pending.length)
        throw new StartupError(
          `${pending.length} migration(s) pending (${pending.map((m) => `${m.plugin}/${m.tag}`).join(', ')}). Run "npm run comptoir -- migrate" or start with --migrate.`,
        )
    }
    const login = await ensureDemoTenant(core, env, {
      coreOn: (db) => boot(env, db),
      signal: interrupt.signal,
    })
    if (stopping) return void (await stopping)
    const app = createApp(core)
    core.start()
    server = serveHttp({ fetch: app.fetch, port: env.port, hostname: env.host }) as Server
    await new Promise<void>((resolve, reject) => {
      server!.once('listening', resolve)
      server!.once('error', reject)
    })
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : env.port
    const url = env.port === port ? env.publicUrl : env.publicUrl.replace(/:\d+$/, `:${port}`)
    console.log(
      `\nComptoir ${core.version} is running on ${url} (${core.db.kind === 'pglite' ? `embedded database in ${env.dataDir}` : 'PostgreSQL'}), ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    )
    console.log(
      `Demo workspace "demo": sign in as ${login.email}${login.generatedPassword ? ` with the password ${login.generatedPassword} (shown once; set COMPTOIR_ADMIN_PASSWORD to choose it)` : login.created ? ' with COMPTOIR_ADMIN_PASSWORD' : ''}.`,
    )
    console.log('Press Ctrl-C to stop.\n')
  } catch (e) {
    // Stopping: the failure is the interruption itself; the stop handler closes and exits.
    if (stopping) return void (await stopping)
    if (e instanceof Interrupted) return
    await core.stop()
    await core.db.close()
    throw e
  }
}
