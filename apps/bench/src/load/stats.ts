/**
 * Latency summaries: percentiles in milliseconds, throughput, and the spread of the median across the
 * interleaved rounds (the noise the machine added while the run went on).
 * @module
 */

export interface Summary {
  n: number
  p50: number
  p95: number
  p99: number
  /** Requests (or operations) per second over the measured windows. */
  rps: number
  /** Lowest and highest per-round median, in ms. */
  p50Range: [number, number]
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]
}

export interface Round {
  /** Latencies in microseconds. */
  latencies: number[]
  seconds: number
}

export function summarize(rounds: Round[]): Summary {
  const all = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b)
  const seconds = rounds.reduce((s, r) => s + r.seconds, 0)
  const medians = rounds
    .filter((r) => r.latencies.length)
    .map(
      (r) =>
        percentile(
          [...r.latencies].sort((a, b) => a - b),
          50,
        ) / 1000,
    )
  return {
    n: all.length,
    p50: percentile(all, 50) / 1000,
    p95: percentile(all, 95) / 1000,
    p99: percentile(all, 99) / 1000,
    rps: seconds > 0 ? all.length / seconds : Number.NaN,
    p50Range: medians.length ? [Math.min(...medians), Math.max(...medians)] : [Number.NaN, Number.NaN],
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? s[Math.floor(s.length / 2)] : Number.NaN
}

/** Relative spread of the per-round medians: (max − min) ÷ median. */
export function noise(s: Summary): number {
  return (s.p50Range[1] - s.p50Range[0]) / s.p50
}
