/**
 * Databases for tests: PGlite started from a migrated snapshot (creating and migrating one takes seconds,
 * loading a snapshot about one), or, with `COMPTOIR_TEST_DATABASE_URL`, a fresh PostgreSQL database cloned
 * from a migrated template.
 * @module
 */
import { createHash, randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import type { Database } from '../db/database'
import { readMigrations } from '../db/migrate'
import { createPgliteDatabase } from '../db/pglite'
import { createPostgresDatabase } from '../db/postgres'
import type { Core } from '../server/core'

function migrationsHash(core: Core): string {
  const h = createHash('sha256')
  for (const s of core.migrationSources())
    for (const m of readMigrations(s)) h.update(`${m.plugin}/${m.tag}/${m.hash}`)
  for (const e of core.registry.entities.values()) h.update(e.ref)
  return h.digest('hex').slice(0, 16)
}

/** Opens a migrated database for `core`'s plugins and rebinds `core` to it via `bind`. */
export async function openTestDatabase(
  makeCore: (db: Database) => Core,
): Promise<{ db: Database; core: Core; drop: () => Promise<void> }> {
  const url = process.env.COMPTOIR_TEST_DATABASE_URL
  if (url) return openPostgres(url, makeCore)
  const probe = makeCore(null as unknown as Database)
  const hash = migrationsHash(probe)
  const dir = join(tmpdir(), 'comptoir-test-snapshots')
  const file = join(dir, `${hash}.tar.gz`)
  if (existsSync(file)) {
    const db = await createPgliteDatabase({ loadDataDir: new Blob([readFileSync(file)]) })
    const core = makeCore(db)
    return { db, core, drop: () => db.close() }
  }
  const db = await createPgliteDatabase()
  const core = makeCore(db)
  await core.migrate()
  const dump = await db.pglite.dumpDataDir('gzip')
  mkdirSync(dir, { recursive: true })
  const tmp = `${file}.${randomUUID()}`
  writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()))
  renameSync(tmp, file)
  return { db, core, drop: () => db.close() }
}

/**
 * `COMPTOIR_TEST_DB_PREFIX` (lower-case letters, digits, `_`) starts the name of every database made here,
 * so that a run can drop its own databases without touching those of another run on the same server.
 */
export function testDatabasePrefix(env: NodeJS.ProcessEnv = process.env): string {
  const prefix = env.COMPTOIR_TEST_DB_PREFIX ?? ''
  if (!/^[a-z0-9_]{0,24}$/.test(prefix))
    throw new Error(`Invalid COMPTOIR_TEST_DB_PREFIX: "${prefix}" (up to 24 of a-z, 0-9 and _)`)
  return prefix
}

async function openPostgres(url: string, makeCore: (db: Database) => Core) {
  const probe = makeCore(null as unknown as Database)
  const prefix = testDatabasePrefix()
  const template = `${prefix}comptoir_tpl_${migrationsHash(probe)}`
  const admin = postgres(url, { max: 1, onnotice: () => {} })
  const name = `${prefix}comptoir_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`
  try {
    await admin`SELECT pg_advisory_lock(727427102)`
    const exists = await admin`SELECT 1 FROM pg_database WHERE datname = ${template}`
    if (!exists.length) {
      // Built under a temporary name and renamed once migrated: a run killed half-way leaves a
      // `comptoir_tplbuild_…` database no later run will take for a template.
      const building = `${prefix}comptoir_tplbuild_${randomUUID().replace(/-/g, '').slice(0, 16)}`
      await admin.unsafe(`CREATE DATABASE ${building}`)
      const tplDb = createPostgresDatabase({ url: withDatabase(url, building), max: 2 })
      try {
        await makeCore(tplDb).migrate()
      } catch (e) {
        await tplDb.close()
        await admin.unsafe(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`)
        throw e
      }
      await tplDb.close()
      await admin.unsafe(`ALTER DATABASE ${building} RENAME TO ${template}`)
    }
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template}`)
  } finally {
    await admin`SELECT pg_advisory_unlock(727427102)`
  }
  const db = createPostgresDatabase({ url: withDatabase(url, name), max: 4 })
  const core = makeCore(db)
  return {
    db,
    core,
    drop: async () => {
      await db.close()
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.end()
    },
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}
