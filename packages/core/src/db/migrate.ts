/**
 * Per-plugin migrations. Each plugin ships drizzle-kit output in its own `drizzle/` folder; core applies
 * core's first, then each plugin's in dependency order, each plugin in one transaction under an advisory
 * lock, and records every migration in the ledger by (plugin, tag) with the hash of its SQL. An edited
 * migration that was already applied stops everything.
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

async function ledger(tx: Queryable, plugin: string): Promise<Map<string, string>> {
  const rows = await tx.query<{ tag: string; hash: string }>(
    'SELECT tag, hash FROM core_migration WHERE plugin = $1',
    [plugin],
  )
  return new Map(rows.map((r) => [r.tag, r.hash]))
}

function checkEdited(m: Migration, applied: Map<string, string>) {
  const hash = applied.get(m.tag)
  if (hash && hash !== m.hash) {
    throw new StartupError(
      `Migration ${m.tag} of plugin "${m.plugin}" was edited after it was applied (hash ${hash.slice(0, 12)} → ${m.hash.slice(0, 12)}). Restore the original file and add a new migration instead.`,
    )
  }
}

/** Migrations not yet applied, in the order they would run. Throws on an edited applied migration. */
export async function pendingMigrations(db: Database, sources: MigrationSource[]): Promise<Migration[]> {
  await db.exec(LEDGER_DDL)
  return db.system(async (tx) => {
    const pending: Migration[] = []
    for (const s of sources) {
      const applied = await ledger(tx, s.plugin)
      for (const m of readMigrations(s)) {
        checkEdited(m, applied)
        if (!applied.has(m.tag)) pending.push(m)
      }
    }
    return pending
  })
}

/** Applies what is pending; re-running is a no-op. Returns what was applied. */
export async function migrate(db: Database, sources: MigrationSource[]): Promise<Migration[]> {
  await db.exec(LEDGER_DDL)
  const done: Migration[] = []
  for (const s of sources) {
    const migrations = readMigrations(s)
    const applied = await db.system(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY])
      const ledgerRows = await ledger(tx, s.plugin)
      const now: Migration[] = []
      for (const m of migrations) {
        checkEdited(m, ledgerRows)
        if (ledgerRows.has(m.tag)) continue
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
