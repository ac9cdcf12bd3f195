/**
 * The bench still runs: `--smoke` (2,000 contacts, a fraction of a second per window) on PGlite, and on
 * PostgreSQL when `COMPTOIR_TEST_DATABASE_URL` is set. Timing is never asserted: only that every metric
 * the run set out to produce is there and is a number.
 */
import { describe, expect, it } from 'vitest'
import { parseOptions } from '../src/options'
import { jsonLine } from '../src/report/render'
import { runBench } from '../src/run-bench'

const log = () => {}

function expectComplete(metrics: Record<string, number>, expected: Set<string>) {
  const parsed = JSON.parse(JSON.stringify(metrics)) as Record<string, unknown>
  const missing = [...expected].filter((m) => !(m in parsed))
  const notFinite = Object.entries(parsed).filter(([, v]) => typeof v !== 'number' || !Number.isFinite(v))
  expect(missing).toEqual([])
  expect(notFinite).toEqual([])
}

describe('npm run bench -- --smoke', () => {
  it('runs on PGlite and reports every metric as a finite number', async () => {
    const { report } = await runBench(parseOptions(['--smoke', '--pglite'], {}), log)
    expect(report.expected.size).toBeGreaterThan(20)
    expect(report.metrics).toHaveProperty('pglite_list_first_p50_ms')
    expect(report.metrics).toHaveProperty('shell_js_kb_gz')
    expectComplete(report.metrics, report.expected)
    expect(JSON.parse(jsonLine(report))).toEqual(JSON.parse(JSON.stringify(report.metrics)))
  })

  it.runIf(process.env.COMPTOIR_TEST_DATABASE_URL)(
    'runs on PostgreSQL beside PGlite and reports every metric as a finite number',
    async () => {
      const url = process.env.COMPTOIR_TEST_DATABASE_URL!
      const { report } = await runBench(parseOptions(['--smoke', '--pglite'], { DATABASE_URL: url }), log)
      for (const m of [
        'list_first_p50_ratio',
        'search_contacts_p95_ratio',
        'import_vs_copy_ratio',
        'pglite_get_p50_ratio',
      ])
        expect(report.metrics).toHaveProperty(m)
      expectComplete(report.metrics, report.expected)
    },
  )
})
