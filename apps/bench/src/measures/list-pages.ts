/**
 * List pages: the first page sorted by last name, a page 5,000 rows deep, a filtered page sorted by
 * newest first with and without the capped count, and an account's related list of contacts. Each beside
 * the same SQL through the hand-written route and through pgbench, interleaved.
 * @module
 */
import type { BenchContext } from '../context'
import { httpTarget } from '../load/http-target'
import { interleave, type Target } from '../load/interleave'
import { pgbenchTarget } from '../load/pgbench-target'
import { fmt, x } from '../report/report'

interface Page {
  key: 'first' | 'deep' | 'filtered' | 'filteredCount' | 'related'
  metric: string
  label: string
}

export async function measureListPages(ctx: BenchContext): Promise<void> {
  const { scenario: sc, report } = ctx
  const pages: Page[] = [
    { key: 'first', metric: 'list_first', label: 'List, first page (50, by last name)' },
    {
      key: 'deep',
      metric: 'list_deep',
      label: `List, page ${sc.depth.toLocaleString('en')} rows deep (cursor)`,
    },
    { key: 'filtered', metric: 'list_filtered', label: `List, ${sc.filterLabel}, newest first` },
    { key: 'filteredCount', metric: 'list_filtered_count', label: 'Same, with the capped count' },
    { key: 'related', metric: 'related', label: 'Related list: contacts of an account (50 of 500)' },
  ]
  for (const p of pages) {
    ctx.log(`measuring ${p.metric}`)
    const targets: Target[] = [
      httpTarget('app', {
        base: sc.session.base,
        next: () => ({ path: sc.paths[p.key], headers: { cookie: sc.session.cookie } }),
      }),
      httpTarget('floor', { base: ctx.floor.base, next: () => ({ path: `/sql/${p.key}` }) }),
    ]
    const main = ctx.captured.statements[p.key].steps[0]
    if (ctx.pgbench) targets.push(pgbenchTarget('sql', ctx.url, main.text, main.params))
    // The deep page is compared with the first page in the same windows too.
    if (p.key === 'deep')
      targets.push(
        httpTarget('first', {
          base: sc.session.base,
          next: () => ({ path: sc.paths.first, headers: { cookie: sc.session.cookie } }),
        }),
      )
    const s = await interleave(targets, ctx.schedule)
    report.summary(p.metric, s.app)
    report.summary(`${p.metric}_floor`, s.floor)
    const p50 = report.ratio(`${p.metric}_p50`, s.app.p50 / s.floor.p50)
    const p95 = report.ratio(`${p.metric}_p95`, s.app.p95 / s.floor.p95)
    if (s.sql) report.summary(`${p.metric}_sql`, s.sql)
    report.row({
      measure: p.label,
      comptoir: fmt(s.app),
      floor: `route ${fmt(s.floor)}${s.sql ? `; SQL ${fmt(s.sql)}` : ''}`,
      ratio: `${x(p50)} / ${x(p95)}`,
    })
    report.budget(`${p.metric} p50 ÷ hand-written route`, p50, '<=', 1.5)
    report.budget(`${p.metric} p95 ÷ hand-written route`, p95, '<=', 2)
    if (s.first) {
      const deep = report.ratio('deep_vs_first_p50', s.app.p50 / s.first.p50)
      report.budget('deep page p50 ÷ first page p50', deep, '<=', 1.2)
    }
  }
}
