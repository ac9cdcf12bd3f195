/**
 * Export of every contact of the main tenant (`GET /api/v1/export/:entity`): rows per second, and the
 * server's memory sampled all along, beside `COPY … TO STDOUT` of the same rows.
 * @module
 */
import { get, type IncomingMessage } from 'node:http'
import type { BenchContext } from '../context'
import { onOwnConnection } from '../db/own-connection'

/** Line feeds in a chunk, found by `indexOf` (a loop over the bytes in JavaScript took seconds of the CPUs). */
function lineFeeds(chunk: Uint8Array): number {
  const b = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
  let n = 0
  for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) n++
  return n
}

/**
 * How much the server's memory grew once the export was under way: the highest RSS after the first
 * quarter of the rows against the highest before it (the RSS at the start included). A process whose
 * memory followed the rows would show their growth; collected garbage goes up and down on both sides.
 */
export function growthAfterFirstQuarter(
  before: number,
  samples: readonly { rows: number; rss: number }[],
  rows: number,
): { early: number; late: number; growth: number } {
  let early = before
  let late = 0
  for (const s of samples) {
    if (s.rows < rows / 4) early = Math.max(early, s.rss)
    else late = Math.max(late, s.rss)
  }
  if (!late) late = early
  return { early, late, growth: (late - early) / early }
}

export async function measureExport(ctx: BenchContext, rows: number): Promise<void> {
  const { report, scenario: sc } = ctx
  ctx.log(`measuring export of ${rows.toLocaleString('en')} contacts`)
  const before = ctx.server.rssMb()
  const samples: { rows: number; rss: number }[] = []
  let lines = 0
  const timer = setInterval(() => {
    samples.push({ rows: lines, rss: ctx.server.rssMb() })
  }, 25)
  const t0 = performance.now()
  try {
    // node:http, as the load generator uses: `fetch` and its web streams took a good part of a CPU that
    // the server and PostgreSQL share with the client.
    const r = await new Promise<IncomingMessage>((resolve, reject) =>
      get(
        `${sc.session.base}/api/v1/export/contacts.contact?format=csv`,
        { headers: { cookie: sc.session.cookie } },
        resolve,
      ).on('error', reject),
    )
    if (r.statusCode !== 200) {
      let body = ''
      for await (const chunk of r) body += chunk
      throw new Error(`Export refused: ${r.statusCode} ${body}`)
    }
    for await (const chunk of r as AsyncIterable<Buffer>) lines += lineFeeds(chunk)
  } finally {
    clearInterval(timer)
  }
  const seconds = (performance.now() - t0) / 1000
  const exported = lines - 1
  const rate = exported / seconds
  const { early, late, growth } = growthAfterFirstQuarter(before, samples, exported)
  const floorRate = await onOwnConnection(ctx.url, 600, async (sql) => {
    const f0 = performance.now()
    let floorLines = 0
    const stream = await sql
      .unsafe(
        `COPY (SELECT * FROM contacts_contact WHERE tenant_id = '${ctx.captured.tenantId}' AND deleted_at IS NULL) TO STDOUT WITH (FORMAT csv, HEADER)`,
      )
      .readable()
    for await (const chunk of stream as AsyncIterable<Buffer>) floorLines += lineFeeds(chunk)
    return (floorLines - 1) / ((performance.now() - f0) / 1000)
  })
  report.metric('export_rows', exported)
  report.metric('export_rows_per_s', rate)
  report.metric('export_copy_rows_per_s', floorRate)
  report.metric('export_rss_before_mb', before)
  report.metric('export_rss_peak_mb', Math.max(early, late))
  report.metric('export_rss_peak_first_quarter_mb', early)
  report.metric('export_rss_peak_after_first_quarter_mb', late)
  report.metric('export_rss_growth_after_first_quarter', growth)
  report.row({
    measure: `Export ${exported.toLocaleString('en')} contacts (CSV)`,
    comptoir: `${Math.round(rate).toLocaleString('en')} rows/s, RSS ${before.toFixed(0)} MB at the start, peak ${early.toFixed(0)} MB in the first quarter of the rows, ${late.toFixed(0)} MB after`,
    floor: `COPY TO STDOUT ${Math.round(floorRate).toLocaleString('en')} rows/s`,
    ratio: `${((rate / floorRate) * 100).toFixed(0)} %`,
  })
  report.budget('export rows/s', rate, '>=', 100_000)
  report.budget('export RSS growth after the first quarter of the rows', growth, '<=', 0.1)
  if (exported < rows) report.note(`Export returned ${exported} of ${rows} contacts.`)
}
