/**
 * Opens the database (embedded PGlite in the data directory, or PostgreSQL with DATABASE_URL), loads the
 * installed plugins and creates the core.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import {
  type Core,
  createCore,
  createPgliteDatabase,
  createPostgresDatabase,
  type Database,
  StartupError,
} from '@comptoir/core/server'
import { defaultPlan, installedPlugins, plans } from './comptoir.config'
import type { ServerEnv } from './env'

async function importPlugin(spec: string): Promise<unknown> {
  try {
    if (spec.startsWith('.') || spec.startsWith('/')) {
      const dir = resolve(spec)
      const entry = [join(dir, 'dist', 'server.js'), join(dir, 'server.js')].find(existsSync)
      if (!entry) throw new Error(`no dist/server.js in ${dir}`)
      return (await import(pathToFileURL(entry).href)).default
    }
    return (await import(`${spec}/server`)).default
  } catch (e) {
    throw new StartupError(`Cannot load plugin "${spec}": ${(e as Error).message}`)
  }
}

export async function openDatabase(env: ServerEnv): Promise<Database> {
  if (env.databaseUrl) return createPostgresDatabase({ url: env.databaseUrl })
  mkdirSync(env.dataDir, { recursive: true })
  return createPgliteDatabase({ dataDir: join(env.dataDir, 'db') })
}

export function webRoot(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url))
  const dist = resolve(here, '../../web/dist')
  return existsSync(join(dist, 'index.html')) ? dist : undefined
}

export async function boot(env: ServerEnv, db?: Database): Promise<Core> {
  const specs = env.plugins ?? installedPlugins
  const plugins = []
  for (const s of specs) plugins.push(await importPlugin(s))
  const database = db ?? (await openDatabase(env))
  try {
    return createCore({
      db: database,
      plugins,
      config: {
        plans,
        defaultPlan,
        platformToken: env.platformToken,
        publicUrl: env.publicUrl,
        trustProxy: env.trustProxy,
        fileLimit: env.fileLimit,
        importLimit: env.importLimit,
        importUndoDays: env.importUndoDays,
        webRoot: webRoot(),
      },
    })
  } catch (e) {
    await database.close()
    throw e
  }
}
