import { createHash, randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { afterAll, describe, expect, it } from 'vitest'
import { defineEntity, definePlugin, f } from '../src/index'
import type { Database } from '../src/db/database'
import { readMigrations } from '../src/db/migrate'
import { defineServerPlugin } from '../src/server'
import { createCore } from '../src/server/core'
import { createTestCore } from '../src/testing'

const url = process.env.COMPTOIR_TEST_DATABASE_URL
const folder = mkdtempSync(join(tmpdir(), 'comptoir-snapshot-plugin-'))
const snapshots = join(tmpdir(), 'comptoir-test-snapshots')
/** Snapshots or templates this file made for its throw-away migrations: removed at the end. */
const made: string[] = []
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true })
  if (!url) for (const name of made) rmSync(join(snapshots, name), { force: true })
  else {
    const sql = postgres(url, { max: 1, onnotice: () => {} })
    for (const name of made) await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await sql.end()
  }
})

const thing = defineEntity({ name: 'thing', title: ['name'], fields: { name: f.text({ required: true }) } })
const manifest = definePlugin({
  id: 'snapcheck',
  version: '0.1.0',
  core: '^0.1.0',
  entities: [thing],
  i18n: { fr: {}, en: {} },
})
const plugin = defineServerPlugin(manifest, { migrations: folder })

const TABLE = `CREATE TABLE "snapcheck_thing" (
  "tenant_id" uuid NOT NULL, "id" uuid NOT NULL, "owner_id" uuid, "team_id" uuid,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL, "created_by" uuid,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL, "updated_by" uuid,
  "deleted_at" timestamp with time zone, "deleted_by" uuid, "trash_batch_id" uuid,
  "version" integer DEFAULT 1 NOT NULL, "custom" jsonb DEFAULT '{}'::jsonb NOT NULL, "name" text NOT NULL,
  CONSTRAINT "snapcheck_thing_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "snapcheck_thing" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);`

/** Writes the plugin's migration files; a unique comment makes this run's migrations its own. */
function writeMigrations(files: Record<string, string>) {
  mkdirSync(join(folder, 'meta'), { recursive: true })
  const entries = Object.keys(files).map((tag, idx) => ({
    idx,
    version: '7',
    when: idx,
    tag,
    breakpoints: true,
  }))
  writeFileSync(
    join(folder, 'meta/_journal.json'),
    JSON.stringify({ version: '7', dialect: 'postgresql', entries }),
  )
  for (const [tag, sql] of Object.entries(files)) writeFileSync(join(folder, `${tag}.sql`), sql)
}

/**
 * The key of the migrated database for core plus this plugin: a hash of every migration (plugin, tag and
 * SQL hash) and of the entity refs, as the test kit computes it.
 */
function migrationsKey(): string {
  const core = createCore({ db: null as unknown as Database, plugins: [plugin] })
  const h = createHash('sha256')
  for (const s of core.migrationSources())
    for (const m of readMigrations(s)) h.update(`${m.plugin}/${m.tag}/${m.hash}`)
  for (const e of core.registry.entities.values()) h.update(e.ref)
  return h.digest('hex').slice(0, 16)
}

/** The snapshot file (PGlite) or template database (PostgreSQL) for `key`: its identity, or undefined. */
async function template(key: string): Promise<string | undefined> {
  if (!url) {
    const file = join(snapshots, `${key}.tar.gz`)
    if (!existsSync(file)) return undefined
    const s = statSync(file)
    return `${s.ino}/${s.mtimeMs}`
  }
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    const rows =
      await sql`SELECT datname, oid::text AS oid FROM pg_database WHERE datname LIKE ${`%comptoir_tpl_${key}`}`
    if (rows.length) made.push(rows[0].datname as string)
    return rows[0] ? `${rows[0].datname}/${rows[0].oid}` : undefined
  } finally {
    await sql.end()
  }
}

async function columns(): Promise<string[]> {
  const t = await createTestCore({ plugins: [plugin], tenants: ['acme'] })
  try {
    const rows = await t.db.system((tx) =>
      tx.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'snapcheck_thing' ORDER BY column_name`,
      ),
    )
    return rows.map((r) => r.column_name)
  } finally {
    await t.close()
  }
}

describe('the migrated database tests start from', () => {
  it('is built once for a set of migrations, reused as it is, and built again when a migration changes', async () => {
    writeMigrations({ '0000_init': `-- ${randomUUID()}\n${TABLE}` })
    const first = migrationsKey()
    expect(await template(first)).toBeUndefined()
    expect(await columns()).not.toContain('color')
    const built = await template(first)
    expect(built).toBeDefined()
    if (!url) made.push(`${first}.tar.gz`)

    expect(await columns()).not.toContain('color')
    expect(await template(first)).toBe(built)

    writeMigrations({
      '0000_init': readMigration('0000_init'),
      '0001_color': 'ALTER TABLE "snapcheck_thing" ADD COLUMN "color" text;',
    })
    const second = migrationsKey()
    expect(second).not.toBe(first)
    expect(await template(second)).toBeUndefined()
    expect(await columns()).toContain('color')
    expect(await template(second)).toBeDefined()
    if (!url) made.push(`${second}.tar.gz`)
  }, 300_000)
})

function readMigration(tag: string): string {
  return readFileSync(join(folder, `${tag}.sql`), 'utf8')
}
