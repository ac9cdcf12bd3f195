import { randomUUID } from 'node:crypto'
import { cpSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate, readMigrations } from '../src/db/migrate'
import {
  createCore,
  createPgliteDatabase,
  createPostgresDatabase,
  type Database,
  defineServerPlugin,
} from '../src/server'
import { withDatabase } from '../src/testing/test-database'
import manifest from './fixtures/crm/manifest'
import notesManifest from './fixtures/notes/manifest'

/** An empty database: PGlite, or a new PostgreSQL database when `COMPTOIR_TEST_DATABASE_URL` is set. */
async function emptyDatabase(): Promise<{ db: Database; drop: () => Promise<void> }> {
  const url = process.env.COMPTOIR_TEST_DATABASE_URL
  if (!url) {
    const db = await createPgliteDatabase()
    return { db, drop: () => db.close() }
  }
  const admin = postgres(url, { max: 1, onnotice: () => {} })
  const name = `comptoir_mig_${randomUUID().replace(/-/g, '').slice(0, 16)}`
  await admin.unsafe(`CREATE DATABASE ${name}`)
  const db = createPostgresDatabase({ url: withDatabase(url, name), max: 4 })
  return {
    db,
    drop: async () => {
      await db.close()
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.end()
    },
  }
}

/** A writable copy of a fixture's `drizzle/` folder. */
function copyOf(fixture: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'comptoir-mig-'))
  cpSync(fileURLToPath(new URL(`./fixtures/${fixture}/drizzle`, import.meta.url)), folder, {
    recursive: true,
  })
  return folder
}

function addMigration(folder: string, tag: string, sql: string) {
  const path = join(folder, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(path, 'utf8'))
  journal.entries.push({
    idx: journal.entries.length,
    version: '7',
    when: Date.now(),
    tag,
    breakpoints: true,
  })
  writeFileSync(path, JSON.stringify(journal))
  writeFileSync(join(folder, `${tag}.sql`), sql)
}

const ledgerOf = (db: Database) =>
  db.system((tx) =>
    tx.query<{ plugin: string; tag: string; hash: string }>(
      'SELECT plugin, tag, hash FROM core_migration ORDER BY plugin, tag',
    ),
  )

let db: Database
let drop: () => Promise<void>
let folder: string

beforeAll(async () => {
  folder = copyOf('crm')
  ;({ db, drop } = await emptyDatabase())
})
afterAll(() => drop?.())

const core = () => createCore({ db, plugins: [defineServerPlugin(manifest, { migrations: folder })] })

describe('per-plugin migrations', () => {
  it('applies core then the plugin, and re-running is a no-op', async () => {
    const c = core()
    const coreTags = readMigrations(c.migrationSources()[0]).map((m) => `core/${m.tag}`)
    expect(coreTags[0]).toBe('core/0000_extensions')
    expect((await c.pendingMigrations()).map((m) => `${m.plugin}/${m.tag}`)).toEqual([
      ...coreTags,
      'crm/0000_init',
    ])
    const applied = await c.migrate()
    expect(applied.map((m) => `${m.plugin}/${m.tag}`)).toEqual([...coreTags, 'crm/0000_init'])
    const ledger = await ledgerOf(db)
    expect(await c.migrate()).toEqual([])
    expect(await c.pendingMigrations()).toEqual([])
    expect(await ledgerOf(db)).toEqual(ledger)
    expect(ledger).toHaveLength(coreTags.length + 1)
  })

  it('stops when an applied migration was edited, naming it', async () => {
    const file = join(folder, '0000_init.sql')
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n-- changed`)
    await expect(core().migrate()).rejects.toThrow(
      /Migration 0000_init of plugin "crm" was edited after it was applied/,
    )
    await expect(core().pendingMigrations()).rejects.toThrow(/was edited/)
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n-- changed$/, ''))
    expect(await core().pendingMigrations()).toEqual([])
  })

  it('applies a new migration of one plugin on its own', async () => {
    addMigration(folder, '0001_more', 'CREATE INDEX crm_company_kind_idx ON crm_company (tenant_id, kind);')
    const applied = await core().migrate()
    expect(applied.map((m) => `${m.plugin}/${m.tag}`)).toEqual(['crm/0001_more'])
  })

  it('rolls a failing migration back whole: nothing of it applied, the ledger unchanged', async () => {
    const before = await ledgerOf(db)
    addMigration(
      folder,
      '0002_broken',
      [
        'CREATE TABLE crm_half_done (id integer);',
        'ALTER TABLE crm_company ADD COLUMN crm_half integer;',
        'ALTER TABLE crm_no_such_table ADD COLUMN x integer;',
      ].join('\n--> statement-breakpoint\n'),
    )
    await expect(core().migrate()).rejects.toThrow(/Migration 0002_broken of plugin "crm" failed/)
    expect(await ledgerOf(db)).toEqual(before)
    const left = await db.system((tx) =>
      tx.query(
        `SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = 'public' AND (table_name = 'crm_half_done' OR column_name = 'crm_half')`,
      ),
    )
    expect(left).toEqual([])
    expect((await core().pendingMigrations()).map((m) => m.tag)).toEqual(['0002_broken'])
    // Fixed, it applies.
    writeFileSync(join(folder, '0002_broken.sql'), 'CREATE TABLE crm_half_done (id integer);')
    expect((await core().migrate()).map((m) => m.tag)).toEqual(['0002_broken'])
  })

  it('knows a migration by its SQL: a renamed applied file does not run again', async () => {
    const journalPath = join(folder, 'meta', '_journal.json')
    const journal = JSON.parse(readFileSync(journalPath, 'utf8'))
    journal.entries.find((e: any) => e.tag === '0002_broken').tag = '0002_half_done'
    writeFileSync(journalPath, JSON.stringify(journal))
    renameSync(join(folder, '0002_broken.sql'), join(folder, '0002_half_done.sql'))
    expect(await core().pendingMigrations()).toEqual([])
    expect(await core().migrate()).toEqual([])
    const crmLedger = (await ledgerOf(db)).filter((r) => r.plugin === 'crm')
    expect(crmLedger.filter((r) => r.tag.startsWith('0002_')).map((r) => r.tag)).toEqual([
      '0002_broken',
      '0002_half_done',
    ])
  })
})

describe('migrations of several plugins', () => {
  it('applies plugins in dependency order whatever the order they are given in', async () => {
    const { db: fresh, drop: dropFresh } = await emptyDatabase()
    try {
      const plugins = [
        defineServerPlugin(notesManifest, { migrations: copyOf('notes') }),
        defineServerPlugin(manifest, { migrations: copyOf('crm') }),
      ]
      const applied = await createCore({ db: fresh, plugins }).migrate()
      expect(applied.filter((m) => m.plugin !== 'core').map((m) => `${m.plugin}/${m.tag}`)).toEqual([
        'crm/0000_init',
        'notes/0000_init',
        'notes/0001_fields_task',
      ])
      expect(applied.findIndex((m) => m.plugin !== 'core')).toBe(
        applied.filter((m) => m.plugin === 'core').length,
      )
    } finally {
      await dropFresh()
    }
  })

  it('serializes concurrent migrators on the advisory lock: each migration runs once', async () => {
    const { db: fresh, drop: dropFresh } = await emptyDatabase()
    try {
      const crmFolder = copyOf('crm')
      const sources = () => [
        ...createCore({ db: fresh, plugins: [] }).migrationSources(),
        { plugin: 'crm', folder: crmFolder },
      ]
      const runs = await Promise.all([
        migrate(fresh, sources()),
        migrate(fresh, sources()),
        migrate(fresh, sources()),
      ])
      const all = runs.flat().map((m) => `${m.plugin}/${m.tag}`)
      expect(new Set(all).size).toBe(all.length)
      expect(all.sort()).toEqual(
        sources()
          .flatMap((s) => readMigrations(s).map((m) => `${m.plugin}/${m.tag}`))
          .sort(),
      )
      expect(await ledgerOf(fresh)).toHaveLength(all.length)
    } finally {
      await dropFresh()
    }
  })
})
