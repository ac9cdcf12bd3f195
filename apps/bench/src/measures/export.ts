/**
 * Export of every contact of the main tenant (`GET /api/v1/export/:entity`): rows per second, and the
 * server's memory sampled all along, beside `COPY … TO STDOUT` of the same rows.
 * @module
 */
import type { BenchContext } from '../context'
import { onOwnConnection } from '../db/own-connection'

export async function measureExport(ctx: BenchContext, rows: number): Promise<void> {
  const { report, scenario: sc } = ctx
  ctx.log(`measuring export of ${rows.toLocaleString('en')} contacts`)
  const before = ctx.server.rssMb()
  let peak = before
  const samples: { rows: number; rss: number }[] = []
  let lines = 0
  const timer = setInterval(() => {
    const rss = ctx.server.rssMb()
    peak = Math.max(peak, rss)
    samples.push({ rows: lines, rss })
  }, 25)
  const t0 = performance.now()
  try {
    const r = await fetch(`${sc.session.base}/api/v1/export/contacts.contact?format=csv`, {
      headers: { cookie: sc.session.cookie },
    })
    if (r.status !== 200 || !r.body) throw new Error(`Export refused: ${r.status} ${await r.text()}`)
    for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) {
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++
    }
  } finally {
    clearInterval(timer)
  }
  const seconds = (performance.now() - t0) / 1000
  const exported = lines - 1
  const rate = exported / seconds
  const quarter = samples.find((s) => s.rows >= exported / 4)?.rss ?? before
  const growth = (peak - quarter) / quarter
  const floorRate = await onOwnConnection(ctx.url, 600, async (sql) => {
    const f0 = performance.now()
    let floorLines = 0
    const stream = await sql
      .unsafe(
        `COPY (SELECT * FROM contacts_contact WHERE tenant_id = '${ctx.captured.tenantId}' AND deleted_at IS NULL) TO STDOUT WITH (FORMAT csv, HEADER)`,
      )
      .readable()
    for await (const chunk of stream as AsyncIterable<Buffer>)
      for (const b of chunk) if (b === 10) floorLines++
    return (floorLines - 1) / ((performance.now() - f0) / 1000)
  })
  report.metric('export_rows', exported)
  report.metric('export_rows_per_s', rate)
  report.metric('export_copy_rows_per_s', floorRate)
  report.metric('export_rss_before_mb', before)
  report.metric('export_rss_peak_mb', peak)
  report.metric('export_rss_growth_after_first_quarter', growth)
  report.row({
    measure: `Export ${exported.toLocaleString('en')} contacts (CSV)`,
    comptoir: `${Math.round(rate).toLocaleString('en')} rows/s, RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} MB`,
    floor: `COPY TO STDOUT ${Math.round(floorRate).toLocaleString('en')} rows/s`,
    ratio: `${((rate / floorRate) * 100).toFixed(0)} %`,
  })
  report.budget('export rows/s', rate, '>=', 100_000)
  report.budget('export RSS growth after the first quarter of the rows', growth, '<=', 0.1)
  if (exported < rows) report.note(`Export returned ${exported} of ${rows} contacts.`)
}
