/**
 * The record sheet PDF (core's `core.sheet`, embedded DejaVu Sans) beside a bare pdf-lib page with the
 * same fonts, and `/health` through the full middleware stack beside a bare Hono route.
 * @module
 */
import type { Session } from '../scenario'
import type { FloorProcess } from '../procs/floor-process'
import { httpTarget } from '../load/http-target'
import { interleave, type Schedule } from '../load/interleave'
import { fmt, type Report, x } from '../report/report'

export interface NodeMeasureContext {
  schedule: Schedule
  report: Report
  log(line: string): void
  session: Session
  contactId: string
  floor: FloorProcess
  /** Prefix of the metric names (`pglite_` on the embedded database). */
  prefix?: string
}

export async function measurePdf(ctx: NodeMeasureContext): Promise<void> {
  const { session: s, report } = ctx
  const p = ctx.prefix ?? ''
  ctx.log('measuring PDF')
  const r = await interleave(
    [
      httpTarget('app', {
        base: s.base,
        next: () => ({
          path: `/api/v1/records/contacts.contact/${ctx.contactId}/pdf/core.sheet`,
          headers: { cookie: s.cookie },
        }),
      }),
      httpTarget('floor', { base: ctx.floor.base, next: () => ({ path: '/pdf' }) }),
    ],
    ctx.schedule,
  )
  report.summary(`${p}pdf`, r.app)
  report.summary(`${p}pdf_floor`, r.floor)
  const ratio = report.ratio(`${p}pdf_p95`, r.app.p95 / r.floor.p95)
  report.row({
    measure: `${p ? 'PGlite: ' : ''}PDF record sheet, 1 page, embedded Unicode font`,
    comptoir: fmt(r.app),
    floor: `bare pdf-lib page ${fmt(r.floor)}`,
    ratio: `p95 ${x(ratio)}`,
  })
  report.budget(`${p}PDF p95 ÷ bare pdf-lib page`, ratio, '<=', 2)
}

export async function measureHealth(ctx: NodeMeasureContext): Promise<void> {
  const { session: s, report } = ctx
  const p = ctx.prefix ?? ''
  for (const c of [1, 10]) {
    ctx.log(`measuring /health, ${c} client(s)`)
    const r = await interleave(
      [
        httpTarget('app', { base: s.base, concurrency: c, next: () => ({ path: '/health' }) }),
        httpTarget('floor', { base: ctx.floor.base, concurrency: c, next: () => ({ path: '/health' }) }),
      ],
      ctx.schedule,
    )
    report.summary(`${p}health_c${c}`, r.app)
    report.summary(`${p}health_c${c}_floor`, r.floor)
    const ratio = report.ratio(`${p}health_c${c}_rps`, r.app.rps / r.floor.rps)
    report.row({
      measure: `${p ? 'PGlite: ' : ''}/health, full middleware, ${c} client${c > 1 ? 's' : ''}`,
      comptoir: fmt(r.app),
      floor: `bare Hono ${fmt(r.floor)}`,
      ratio: `req/s ${x(ratio)}`,
    })
    report.budget(`${p}middleware req/s ÷ bare Hono, c=${c}`, ratio, '>=', 0.5)
  }
}
