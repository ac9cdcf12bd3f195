/**
 * Per-plugin migrations. Each plugin ships drizzle-kit output in its own `drizzle/` folder; core applies
 * core's first, then each plugin's in dependency order, each plugin in one transaction under an advisory
 * lock, and records every migration in the ledger by (plugin, tag) with the hash of its SQL. A migration
 * counts as applied when its tag or its SQL's hash is in the plugin's ledger, so renaming a file never runs it
 * twice; an edited migration that was already applied stops everything. A failing statement rolls back the
 * plugin's whole run: none of it is applied and the ledger is unchanged.
 * @module
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { StartupError } from '../errors'
import type { Database, Queryable } from './database'

export interface MigrationSource {
  plugin: string
  /** The plugin's `drizzle/` folder (a path or a file URL). */
  folder: string | URL
}

export interface Migration {
  plugin: string
  tag: string
  hash: string
  statements: string[]
}

const LOCK_KEY = 727_427_101
const LEDGER_DDL = `CREATE TABLE IF NOT EXISTS core_migration (
  plugin text NOT NULL, tag text NOT NULL, hash text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (plugin, tag))`

export function readMigrations(source: MigrationSource): Migration[] {
  const folder = source.folder instanceof URL ? fileURLToPath(source.folder) : source.folder
  const journalPath = join(folder, 'meta', '_journal.json')
  if (!existsSync(journalPath)) return []
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number; tag: string }[] }
  return [...journal.entries]
    .sort((a, b) => a.idx - b.idx)
    .map((e) => {
      const text = readFileSync(join(folder, `${e.tag}.sql`), 'utf8')
      return {
        plugin: source.plugin,
        tag: e.tag,
        hash: createHash('sha256').update(text).digest('hex'),
        statements: text
          .split('--> statement-breakpoint')
          .map((s) => s.trim())
          .filter((s) => s && !/^(--[^\n]*\n?)*$/.test(s)),
      }
    })
}

interface Ledger {
  /** Hash of each applied tag. */
  byTag: Map<string, string>
  /** Hashes of every applied migration: a renamed file with the same SQL is not applied twice. */
  hashes: Set<string>
}

async function ledger(tx: Queryable, plugin: string): Promise<Ledger> {
  const rows = await tx.query<{ tag: string; hash: string }>(
    'SELECT tag, hash FROM core_migration WHERE plugin = $1',
    [plugin],
  )
  return { byTag: new Map(rows.map((r) => [r.tag, r.hash])), hashes: new Set(rows.map((r) => r.hash)) }
}

function isApplied(m: Migration, l: Ledger): boolean {
  return l.byTag.has(m.tag) || l.hashes.has(m.hash)
}

function checkEdited(m: Migration, l: Ledger) {
  const hash = l.byTag.get(m.tag)
  if (hash && hash !== m.hash) {
    throw new StartupError(
      `Migration ${m.tag} of plugin "${m.plugin}" was edited after it was applied (hash ${hash.slice(0, 12)} → ${m.hash.slice(0, 12)}). Restore the original file and add a new migration instead.`,
    )
  }
}

/** Creates the ledger once, under the lock: concurrent first runs do not race on the DDL. */
async function ensureLedger(db: Database): Promise<void> {
  await db.system(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY])
    await tx.query(LEDGER_DDL)
  })
}

/** Migrations not yet applied, in the order they would run. Throws on an edited applied migration. */
export async function pendingMigrations(db: Database, sources: MigrationSource[]): Promise<Migration[]> {
  await ensureLedger(db)
  return db.system(async (tx) => {
    const pending: Migration[] = []
    for (const s of sources) {
      const applied = await ledger(tx, s.plugin)
      for (const m of readMigrations(s)) {
        checkEdited(m, applied)
        if (!isApplied(m, applied)) pending.push(m)
      }
    }
    return pending
  })
}

/** Applies what is pending; re-running is a no-op. Returns what was applied. */
export async function migrate(db: Database, sources: MigrationSource[]): Promise<Migration[]> {
  await ensureLedger(db)
  const done: Migration[] = []
  for (const s of sources) {
    const migrations = readMigrations(s)
    const applied = await db.system(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY])
      const ledgerRows = await ledger(tx, s.plugin)
      const now: Migration[] = []
      for (const m of migrations) {
        checkEdited(m, ledgerRows)
        if (ledgerRows.byTag.has(m.tag)) continue
        if (ledgerRows.hashes.has(m.hash)) {
          // The same SQL was applied under another name: recorded under this one too, not run again.
          await tx.query('INSERT INTO core_migration (plugin, tag, hash) VALUES ($1, $2, $3)', [
            m.plugin,
            m.tag,
            m.hash,
          ])
          continue
        }
        for (const stmt of m.statements) {
          try {
            await tx.query(stmt)
          } catch (e) {
            throw new StartupError(
              `Migration ${m.tag} of plugin "${m.plugin}" failed: ${(e as Error).message}`,
            )
          }
        }
        await tx.query('INSERT INTO core_migration (plugin, tag, hash) VALUES ($1, $2, $3)', [
          m.plugin,
          m.tag,
          m.hash,
        ])
        now.push(m)
      }
      return now
    })
    done.push(...applied)
  }
  return done
}
