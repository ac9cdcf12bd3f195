/**
 * Command-line options of `npm run bench`: the size (full, `--quick`, `--smoke`), the databases
 * (`DATABASE_URL`, `--pglite`) and what to keep or write.
 * @module
 */
import type { DataSize } from './data/seed'
import type { Schedule } from './load/interleave'

export type SizeName = 'full' | 'quick' | 'smoke'

export interface BenchOptions {
  size: SizeName
  data: DataSize
  schedule: Schedule
  /** Rows of the imported file. */
  importRows: number
  soakSeconds: number
  coldStarts: number
  /** PostgreSQL server URL (`DATABASE_URL`), when measuring on PostgreSQL. */
  databaseUrl?: string
  pglite: boolean
  keep: boolean
  /** Seeds a database and stops there (kept): the bulk loader on its own. */
  seedOnly: boolean
  /** Writes the results into `docs/performance.md`. */
  writeDocs: boolean
  /** Runs only these measures (`--only export,import`); every measure when absent. */
  only?: ReadonlySet<string>
}

/** The measures `--only` can select, by the name under which each is reported. */
export const MEASURES = [
  'cold_start',
  'plans',
  'list',
  'search',
  'get',
  'write',
  'pdf',
  'health',
  'export',
  'import',
  'soak',
  'pglite',
  'shell',
] as const

export const SIZES: Record<
  SizeName,
  { data: DataSize; schedule: Schedule; importRows: number; soakSeconds: number; coldStarts: number }
> = {
  full: {
    data: {
      contacts: 1_000_000,
      accounts: 100_000,
      smallTenants: 99,
      smallContacts: 1_000,
      firstAccountContacts: 500,
    },
    schedule: { rounds: 5, seconds: 3, warmupSeconds: 1 },
    importRows: 100_000,
    soakSeconds: 600,
    coldStarts: 5,
  },
  quick: {
    data: {
      contacts: 100_000,
      accounts: 10_000,
      smallTenants: 99,
      smallContacts: 100,
      firstAccountContacts: 500,
    },
    schedule: { rounds: 3, seconds: 1.5, warmupSeconds: 0.5 },
    importRows: 100_000,
    soakSeconds: 60,
    coldStarts: 3,
  },
  smoke: {
    data: { contacts: 2_000, accounts: 200, smallTenants: 3, smallContacts: 50, firstAccountContacts: 500 },
    schedule: { rounds: 2, seconds: 0.25, warmupSeconds: 0.1 },
    importRows: 1_000,
    soakSeconds: 3,
    coldStarts: 1,
  },
}

export const USAGE = `npm run bench -- [--quick | --smoke] [--pglite] [--keep] [--seed-only] [--soak <s>] [--only <m,…>] [--no-docs]

  DATABASE_URL     PostgreSQL server to measure on (a database comptoir_bench_<n> is created on it).
  --quick          100,000 contacts, a run of a few minutes (default: 1,000,000 contacts).
  --smoke          2,000 contacts, a few seconds per measure: checks that the bench runs.
  --pglite         also measures list, search and GET on the embedded database (quick size).
  --keep           keeps the databases it created.
  --seed-only      seeds the data set and stops (implies --keep): the bulk loader on its own.
  --soak <s>       soak duration in seconds (default 600, 60 with --quick).
  --only <m,…>     runs only the named measures (implies --no-docs): ${MEASURES.join(', ')}.
  --no-docs        does not write docs/performance.md (smoke runs never do).`

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const flags = new Set(argv.filter((a) => a.startsWith('--')))
  const known = [
    '--quick',
    '--smoke',
    '--pglite',
    '--keep',
    '--seed-only',
    '--soak',
    '--only',
    '--no-docs',
    '--help',
  ]
  const unknown = [...flags].filter((f) => !known.includes(f))
  if (unknown.length) throw new Error(`Unknown option ${unknown.join(', ')}\n\n${USAGE}`)
  const size: SizeName = flags.has('--smoke') ? 'smoke' : flags.has('--quick') ? 'quick' : 'full'
  const s = SIZES[size]
  const soakAt = argv.indexOf('--soak')
  const soak = soakAt >= 0 ? Number(argv[soakAt + 1]) : s.soakSeconds
  if (!Number.isFinite(soak) || soak <= 0) throw new Error('--soak takes a number of seconds')
  const only = parseOnly(argv)
  const databaseUrl = env.DATABASE_URL || undefined
  const pglite = flags.has('--pglite')
  if (!databaseUrl && !pglite) throw new Error(`Set DATABASE_URL (PostgreSQL) or pass --pglite.\n\n${USAGE}`)
  const seedOnly = flags.has('--seed-only')
  return {
    size,
    data: s.data,
    schedule: s.schedule,
    importRows: s.importRows,
    soakSeconds: soak,
    coldStarts: s.coldStarts,
    databaseUrl,
    pglite,
    keep: flags.has('--keep') || seedOnly,
    seedOnly,
    // A partial run would replace the whole table of `docs/performance.md` with a part of it.
    writeDocs: size !== 'smoke' && !flags.has('--no-docs') && !seedOnly && !only,
    only,
  }
}

function parseOnly(argv: string[]): ReadonlySet<string> | undefined {
  const at = argv.indexOf('--only')
  if (at < 0) return undefined
  const names = (argv[at + 1] ?? '').split(',').filter(Boolean)
  const unknown = names.filter((n) => !(MEASURES as readonly string[]).includes(n))
  if (!names.length || unknown.length)
    throw new Error(
      `--only takes measures among ${MEASURES.join(', ')}${unknown.length ? ` (not ${unknown.join(', ')})` : ''}`,
    )
  return new Set(names)
}
