/**
 * A measured HTTP route: each window is one closed-loop run of the load client. A window whose requests
 * fail stops the measure with the first failure, since a ratio over errors would be meaningless.
 * @module
 */
import { TargetFailedError, type Target } from './interleave'
import { type LoadRequest, runLoad } from './load-client'

export interface HttpTargetOptions {
  base: string
  concurrency?: number
  next: (worker: number, n: number) => LoadRequest
  onBody?: (worker: number, body: string) => void
  /** Upper bound of requests per window. */
  maxRequests?: number
}

export function httpTarget(name: string, o: HttpTargetOptions): Target {
  return {
    name,
    async window(seconds) {
      const r = await runLoad({
        base: o.base,
        concurrency: o.concurrency ?? 1,
        seconds,
        maxRequests: o.maxRequests,
        next: o.next,
        onBody: o.onBody,
      })
      if (r.errors > 0)
        throw new TargetFailedError(name, `${r.errors} failed request(s); first: ${r.firstError}`)
      return { latencies: r.latencies, seconds: r.elapsedSeconds }
    },
  }
}

/** A target that calls a function in this process (SQL floors, in-process renders). */
export function callTarget(name: string, call: (n: number) => Promise<unknown>): Target {
  return {
    name,
    async window(seconds) {
      const latencies: number[] = []
      const started = process.hrtime.bigint()
      const deadline = started + BigInt(Math.round(seconds * 1e9))
      for (let n = 0; process.hrtime.bigint() < deadline; n++) {
        const t0 = process.hrtime.bigint()
        await call(n)
        latencies.push(Number(process.hrtime.bigint() - t0) / 1000)
      }
      return { latencies, seconds: Number(process.hrtime.bigint() - started) / 1e9 }
    },
  }
}
