/**
 * `comptoir serve`: migrate when asked (otherwise refuse to serve with pending migrations), make sure the
 * demo tenant exists, start the HTTP server and the background workers, stop cleanly on Ctrl-C.
 */
import { serve as serveHttp } from '@hono/node-server'
import { createApp, StartupError } from '@comptoir/core/server'
import { boot } from './boot'
import { ensureDemoTenant } from './demo'
import { readEnv } from './env'

export async function serve(opts: { migrate: boolean }): Promise<void> {
  const env = readEnv()
  const started = Date.now()
  const core = await boot(env)
  if (opts.migrate) {
    const applied = await core.migrate()
    if (applied.length) console.log(`Applied ${applied.length} migration(s).`)
  } else {
    const pending = await core.pendingMigrations()
    if (pending.length) {
      await core.db.close()
      throw new StartupError(
        `${pending.length} migration(s) pending (${pending.map((m) => `${m.plugin}/${m.tag}`).join(', ')}). Run "npm run comptoir -- migrate" or start with --migrate.`,
      )
    }
  }
  const login = await ensureDemoTenant(core, env)
  const app = createApp(core)
  core.start()
  const server = serveHttp({ fetch: app.fetch, port: env.port, hostname: env.host })
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
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
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal}: stopping…`)
    server.close()
    await core.stop()
    await core.db.close()
    console.log('Stopped.')
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}
