/**
 * The report as text for the terminal, as the generated block of `docs/performance.md`, and as the one
 * JSON line that ends every run.
 * @module
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { median } from '../load/stats'
import type { Machine } from './machine'
import type { Report } from './report'

export interface RunInfo {
  date: Date
  size: string
  rows: number
  mainContacts: number
  seedSeconds: number
  machine: Machine
  databases: string
}

function pct(v: number): string {
  return Number.isFinite(v) ? `${(v * 100).toFixed(0)} %` : '—'
}

const START = '<!-- bench:start -->'
const END = '<!-- bench:end -->'

function table(head: string[], rows: string[][]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|')
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n')
}

export function renderMarkdown(report: Report, run: RunInfo): string {
  const m = run.machine
  const settings = m.settings
    ? Object.entries(m.settings)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')
    : ''
  const missed = report.budgets.filter((b) => !b.pass)
  const lines = [
    `Measured on ${run.date.toISOString().slice(0, 16).replace('T', ' ')} UTC, size **${run.size}**: ${run.mainContacts.toLocaleString('en')} contacts in the main tenant, ${run.rows.toLocaleString('en')} rows seeded in ${run.seedSeconds.toFixed(0)} s (${run.databases}).`,
    '',
    `Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB RAM, Node ${m.node}${m.postgres ? `, PostgreSQL ${m.postgres} (${settings})` : ''}. Load average ${m.load[0].toFixed(1)} at the start, ${m.load[1].toFixed(1)} at the end: the load generator, Node and PostgreSQL share these CPUs with whatever else runs.`,
    '',
    `p50 (lowest–highest per-round p50) / p95 in ms · throughput. Ratios are Comptoir ÷ floor, from windows interleaved in the same run. Noise: the per-round medians of a measure spread by ${pct(median(report.spreads))} of its median (median over all measures; worst ${pct(Math.max(...report.spreads))}).`,
    '',
    table(
      ['Measure', 'Comptoir', 'Floor', 'Ratio'],
      report.rows.map((r) => [r.measure, r.comptoir, r.floor, r.ratio]),
    ),
    '',
    `### Budgets: ${report.budgets.length - missed.length} met, ${missed.length} missed`,
    '',
    table(
      ['Budget', 'Bound', 'Measured', ''],
      report.budgets.map((b) => [
        b.name,
        b.bound,
        Number.isFinite(b.value) ? String(Number(b.value.toPrecision(3))) : '—',
        b.pass ? 'met' : '**missed**',
      ]),
    ),
  ]
  if (report.plans.length) {
    lines.push(
      '',
      '### Plans of the hot statements (EXPLAIN as the application role, RLS on)',
      '',
      table(
        ['Request · statement', 'Plan shape', 'Seq scan > 10k rows'],
        report.plans.map((p) => [p.query, p.shape, p.seqScans.join(', ') || '—']),
      ),
    )
  }
  if (report.notes.length) lines.push('', '### Notes', '', ...report.notes.map((n) => `- ${n}`))
  return lines.join('\n')
}

/** Replaces the generated block of the performance page, keeping the prose around it. */
export function writeDocs(file: string, block: string): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : `# Performance\n\n${START}\n${END}\n`
  const a = text.indexOf(START)
  const b = text.indexOf(END)
  if (a < 0 || b < a) throw new Error(`${file} has no ${START} … ${END} block`)
  writeFileSync(file, `${text.slice(0, a + START.length)}\n${block}\n${text.slice(b)}`)
}

/** `{"metric": value, …}`: every metric, ratios named `*_ratio`. */
export function jsonLine(report: Report): string {
  return JSON.stringify(report.metrics)
}
