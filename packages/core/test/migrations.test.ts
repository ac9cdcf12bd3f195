import { cpSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, createPgliteDatabase, defineServerPlugin, type Database } from '../src/server'
import manifest from './fixtures/crm/manifest'

let db: Database
let folder: string

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'comptoir-mig-'))
  cpSync(fileURLToPath(new URL('./fixtures/crm/drizzle', import.meta.url)), folder, { recursive: true })
  db = await createPgliteDatabase()
})
afterAll(() => db?.close())

const core = () => createCore({ db, plugins: [defineServerPlugin(manifest, { migrations: folder })] })

describe('per-plugin migrations', () => {
  it('applies core then the plugin, and re-running is a no-op', async () => {
    const c = core()
    expect((await c.pendingMigrations()).map((m) => `${m.plugin}/${m.tag}`)).toEqual([
      'core/0000_extensions',
      'core/0001_core',
      'core/0002_search',
      'core/0003_search_rows',
      'core/0004_files',
      'crm/0000_init',
    ])
    const applied = await c.migrate()
    expect(applied.map((m) => m.plugin)).toEqual(['core', 'core', 'core', 'core', 'core', 'crm'])
    expect(await c.migrate()).toEqual([])
    expect(await c.pendingMigrations()).toEqual([])
    const ledger = await db.system((tx) =>
      tx.query('SELECT plugin, tag FROM core_migration ORDER BY plugin, tag'),
    )
    expect(ledger).toHaveLength(6)
  })

  it('stops when an applied migration was edited, naming it', async () => {
    const file = join(folder, '0000_init.sql')
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n-- changed`)
    await expect(core().migrate()).rejects.toThrow(
      /Migration 0000_init of plugin "crm" was edited after it was applied/,
    )
    await expect(core().pendingMigrations()).rejects.toThrow(/was edited/)
  })

  it('applies a new migration of one plugin on its own', async () => {
    const file = join(folder, '0000_init.sql')
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n-- changed$/, ''))
    const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8'))
    journal.entries.push({ idx: 1, version: '7', when: Date.now(), tag: '0001_more', breakpoints: true })
    writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal))
    writeFileSync(
      join(folder, '0001_more.sql'),
      'CREATE INDEX crm_company_kind_idx ON crm_company (tenant_id, kind);',
    )
    const applied = await core().migrate()
    expect(applied.map((m) => `${m.plugin}/${m.tag}`)).toEqual(['crm/0001_more'])
  })
})
