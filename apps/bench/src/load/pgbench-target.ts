/**
 * pgbench as a floor: the statement alone, prepared (as postgres.js prepares it), one client, timed by
 * PostgreSQL's own benchmark tool from its per-transaction log. No Node, no HTTP: what the server does.
 * @module
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TargetFailedError, type Target } from './interleave'

const dirs = new Set<string>()
process.once('exit', () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

export function hasPgbench(): boolean {
  return spawnSync('pgbench', ['--version']).status === 0
}

function literal(v: unknown): string {
  if (Array.isArray(v)) return `{${v.map((x) => `"${String(x).replace(/(["\\])/g, '\\$1')}"`).join(',')}}`
  if (v instanceof Date) return v.toISOString()
  return String(v)
}

export function pgbenchTarget(name: string, url: string, text: string, params: unknown[]): Target {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-pgbench-'))
  dirs.add(dir)
  const script = join(dir, 'query.sql')
  writeFileSync(
    script,
    `${text
      .replace(/\$(\d+)/g, ':p$1')
      .replace(/\s+/g, ' ')
      .trim()};\n`,
  )
  const defines = params.flatMap((v, i) => ['-D', `p${i + 1}=${literal(v)}`])
  return {
    name,
    async window(seconds) {
      for (const f of readdirSync(dir)) if (f.startsWith('log')) rmSync(join(dir, f))
      const length =
        seconds >= 1
          ? ['-T', String(Math.round(seconds))]
          : ['-t', String(Math.max(20, Math.round(seconds * 500)))]
      const r = spawnSync(
        'pgbench',
        [
          '-n',
          '-M',
          'prepared',
          '-c',
          '1',
          ...length,
          '-f',
          script,
          '-l',
          `--log-prefix=${join(dir, 'log')}`,
          ...defines,
          url,
        ],
        { encoding: 'utf8' },
      )
      if (r.status !== 0) throw new TargetFailedError(name, r.stderr || r.stdout)
      const latencies: number[] = []
      let first = Number.POSITIVE_INFINITY
      let last = 0
      for (const f of readdirSync(dir).filter((x) => x.startsWith('log'))) {
        for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
          const c = line.split(' ')
          if (c.length < 6) continue
          const us = Number(c[2])
          const end = Number(c[4]) * 1e6 + Number(c[5])
          latencies.push(us)
          first = Math.min(first, end - us)
          last = Math.max(last, end)
        }
      }
      return { latencies, seconds: latencies.length ? (last - first) / 1e6 : seconds }
    },
  }
}
