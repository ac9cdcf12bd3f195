/**
 * The server process itself: cold start with every plugin (spawn to the first `200` of `/health`), its
 * memory at idle, and its memory through a soak of mixed requests from 10 clients.
 * @module
 */
import { runLoad } from '../load/load-client'
import { percentile } from '../load/stats'
import { type ServerEnv, type ServerProcess, startServer } from '../procs/server-process'
import type { Report } from '../report/report'
import type { Scenario } from '../scenario'

export async function measureColdStart(
  report: Report,
  env: ServerEnv,
  runs: number,
  prefix: string,
  log: (line: string) => void,
): Promise<void> {
  log(`measuring cold start (${runs} runs)`)
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const s = await startServer(env)
    times.push(s.startSeconds)
    await s.stop()
  }
  const median = percentile(
    [...times].sort((a, b) => a - b),
    50,
  )
  report.metric(`${prefix}cold_start_s`, median)
  report.row({
    measure: `${prefix ? 'PGlite: ' : ''}Cold start, every plugin (spawn → /health 200)`,
    comptoir: `${median.toFixed(2)} s (median of ${runs}: ${times.map((t) => t.toFixed(2)).join(', ')})`,
    floor: '—',
    ratio: '—',
  })
  if (!prefix) report.budget('cold start on PostgreSQL, seconds', median, '<=', 2)
}

export async function measureIdleRss(report: Report, server: ServerProcess): Promise<void> {
  await new Promise((r) => setTimeout(r, 2_000))
  report.metric('rss_idle_mb', server.rssMb())
}

export async function measureSoak(
  report: Report,
  server: ServerProcess,
  sc: Scenario,
  seconds: number,
  log: (line: string) => void,
): Promise<void> {
  log(`soak: ${seconds} s at 10 clients`)
  const samples: { t: number; rss: number }[] = []
  const t0 = performance.now()
  const timer = setInterval(
    () => samples.push({ t: (performance.now() - t0) / 1000, rss: server.rssMb() }),
    1_000,
  )
  const mix = [sc.paths.first, sc.paths.deep, sc.paths.search, sc.paths.filtered, sc.paths.related]
  let k = 0
  const r = await runLoad({
    base: sc.session.base,
    concurrency: 10,
    seconds,
    next: (_w, n) => {
      k++
      const path =
        n % 3 === 0 ? `/api/v1/records/contacts.contact/${sc.ids[k % sc.ids.length]}` : mix[k % mix.length]
      return { path, headers: { cookie: sc.session.cookie } }
    },
  })
  clearInterval(timer)
  const end = server.rssMb()
  samples.push({ t: seconds, rss: end })
  const half = samples.find((s) => s.t >= seconds / 2)?.rss ?? samples[0].rss
  const growth = (end - half) / half
  report.metric('soak_seconds', seconds)
  report.metric('soak_rps', r.latencies.length / r.elapsedSeconds)
  report.metric('soak_errors', r.errors)
  report.metric('rss_after_soak_mb', end)
  report.metric('rss_soak_last_half_growth', growth)
  report.row({
    measure: `Memory: idle, then after a ${seconds >= 120 ? `${(seconds / 60).toFixed(0)}-minute` : `${seconds}-second`} soak (10 clients, mixed reads)`,
    comptoir: `RSS ${report.metrics.rss_idle_mb?.toFixed(0)} MB idle → ${end.toFixed(0)} MB (last half ${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %), ${Math.round(r.latencies.length / r.elapsedSeconds)} req/s, ${r.errors} errors`,
    floor: '—',
    ratio: '—',
  })
  report.budget('RSS after the soak, MB', end, '<=', 256)
  report.budget('RSS growth over the soak’s last half', growth, '<=', 0.1)
  if (r.errors) report.note(`Soak errors: ${r.errors}; first: ${r.firstError}`)
}
