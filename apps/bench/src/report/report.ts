/**
 * What a run found: the table rows (each figure beside its floor), the flat metrics of the JSON line,
 * the budgets with their verdicts, the plan of each hot query and notes on what could not be measured.
 * @module
 */
import { noise, type Summary } from '../load/stats'

export interface TableRow {
  measure: string
  comptoir: string
  floor: string
  ratio: string
}

export interface BudgetCheck {
  name: string
  /** `≤ 1.5` or `≥ 0.5`. */
  bound: string
  value: number
  pass: boolean
}

export interface PlanLine {
  query: string
  shape: string
  seqScans: string[]
}

export class Report {
  readonly metrics: Record<string, number> = {}
  readonly rows: TableRow[] = []
  readonly budgets: BudgetCheck[] = []
  readonly plans: PlanLine[] = []
  readonly notes: string[] = []
  /** Metrics the run was expected to produce; the smoke test checks each is present and finite. */
  readonly expected = new Set<string>()
  /** Relative spread of the per-round medians of every summary: the run's noise. */
  readonly spreads: number[] = []

  /** `only`: the measures to run (`--only`); every measure when absent. */
  constructor(private readonly only?: ReadonlySet<string>) {}

  /** Whether a measure runs: `pglite` also selects the `pglite_…` measures. */
  selected(name: string): boolean {
    return !this.only || [...this.only].some((o) => name === o || name.startsWith(`${o}_`))
  }

  metric(name: string, value: number): void {
    this.metrics[name] = Number.isFinite(value) ? Number(value.toPrecision(6)) : value
    this.expected.add(name)
  }

  /** p50, p95 and throughput of a summary under `prefix`. */
  summary(prefix: string, s: Summary): void {
    this.metric(`${prefix}_p50_ms`, s.p50)
    this.metric(`${prefix}_p95_ms`, s.p95)
    this.metric(`${prefix}_rps`, s.rps)
    if (Number.isFinite(noise(s))) this.spreads.push(noise(s))
  }

  ratio(name: string, value: number): number {
    this.metric(`${name}_ratio`, value)
    return value
  }

  /** Records a budget; `value` is compared to `limit` in the given direction. */
  budget(name: string, value: number, dir: '<=' | '>=', limit: number): void {
    const pass = Number.isFinite(value) && (dir === '<=' ? value <= limit : value >= limit)
    this.budgets.push({ name, bound: `${dir === '<=' ? '≤' : '≥'} ${limit}`, value, pass })
  }

  row(r: TableRow): void {
    this.rows.push(r)
  }

  note(text: string): void {
    this.notes.push(text)
  }

  /**
   * Runs one measure; a failure is reported (a note, a missed budget, and a `<name>_error` metric that is
   * not a number) and the run goes on with the next measure. A measure `--only` leaves out does not run.
   */
  async attempt(name: string, fn: () => Promise<void> | void): Promise<void> {
    if (!this.selected(name)) return
    try {
      await fn()
    } catch (e) {
      const message = (e as Error).message.split('\n').slice(0, 3).join(' ')
      this.note(`${name} could not be measured: ${message}`)
      this.metric(`${name}_error`, Number.NaN)
      this.budgets.push({ name: `${name} measured`, bound: 'runs', value: Number.NaN, pass: false })
    }
  }
}

export function ms(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)
}

/** `0.42 (0.40–0.51) / 0.90 ms · 2,310/s`: p50 (lowest–highest per-round p50) / p95 · throughput. */
export function fmt(s: Summary): string {
  const range = s.p50Range[0] !== s.p50Range[1] ? ` (${ms(s.p50Range[0])}–${ms(s.p50Range[1])})` : ''
  return `${ms(s.p50)}${range} / ${ms(s.p95)} ms · ${Math.round(s.rps).toLocaleString('en')}/s`
}

export function x(v: number): string {
  return Number.isFinite(v) ? `${v.toFixed(2)}×` : '—'
}
