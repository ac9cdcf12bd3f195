/**
 * A dedicated PostgreSQL database per run (`comptoir_bench_<n>`), created on the server of
 * `DATABASE_URL` and dropped at the end unless the run keeps it.
 * @module
 */
import postgres from 'postgres'

export interface BenchDatabase {
  name: string
  url: string
  drop(): Promise<void>
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
  try {
    // Two runs started together may pick the same number: the loser takes the next one.
    for (let attempt = 0; ; attempt++) {
      const rows = await admin<{ n: number }[]>`
        SELECT coalesce(max(substring(datname FROM '^comptoir_bench_([0-9]+)$')::int), 0) + 1 AS n
        FROM pg_database WHERE datname ~ '^comptoir_bench_[0-9]+$'`
      const name = `comptoir_bench_${rows[0].n + attempt}`
      try {
        await admin.unsafe(`CREATE DATABASE ${name}`)
      } catch (e) {
        if ((e as { code?: string }).code === '42P04' && attempt < 5) continue
        throw e
      }
      return {
        name,
        url: withDatabase(serverUrl, name),
        async drop() {
          const a = postgres(serverUrl, { max: 1, onnotice: () => {} })
          try {
            await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
          } finally {
            await a.end()
          }
        },
      }
    }
  } finally {
    await admin.end()
  }
}
