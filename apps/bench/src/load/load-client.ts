/**
 * A closed-loop HTTP load generator: `concurrency` clients on keep-alive loopback connections, each
 * sending its next request when the previous response has been read to the end, timed in microseconds
 * (autocannon rounds to whole milliseconds, which hides a sub-millisecond median). Bounded both in time
 * and in number of requests.
 * @module
 */
import { Agent, request } from 'node:http'

export interface LoadRequest {
  method?: string
  path: string
  headers?: Record<string, string>
  body?: string
}

export interface LoadOptions {
  /** `http://127.0.0.1:port`: loopback only. */
  base: string
  concurrency: number
  seconds: number
  maxRequests?: number
  /** The request of client `worker`'s `n`-th turn. */
  next: (worker: number, n: number) => LoadRequest
  /** Sees each response body (status 2xx only); used to follow record versions. */
  onBody?: (worker: number, body: string) => void
}

export interface LoadResult {
  /** Latency of every successful request, in microseconds. */
  latencies: number[]
  errors: number
  /** First error status and body, to say what went wrong. */
  firstError?: string
  elapsedSeconds: number
}

function once(agent: Agent, url: URL, r: LoadRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        agent,
        method: r.method ?? 'GET',
        headers: {
          ...(r.body !== undefined ? { 'content-length': String(Buffer.byteLength(r.body)) } : {}),
          ...r.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    if (r.body !== undefined) req.write(r.body)
    req.end()
  })
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const base = new URL(o.base)
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname))
    throw new Error(`Load is generated on loopback only, not ${base.hostname}`)
  const agent = new Agent({ keepAlive: true, maxSockets: o.concurrency })
  const latencies: number[] = []
  let errors = 0
  let firstError: string | undefined
  let sent = 0
  const max = o.maxRequests ?? Number.POSITIVE_INFINITY
  const started = process.hrtime.bigint()
  const deadline = started + BigInt(Math.round(o.seconds * 1e9))
  const worker = async (w: number) => {
    for (let n = 0; process.hrtime.bigint() < deadline && sent < max; n++) {
      sent++
      const r = o.next(w, n)
      const t0 = process.hrtime.bigint()
      try {
        const res = await once(agent, new URL(r.path, base), r)
        const us = Number(process.hrtime.bigint() - t0) / 1000
        if (res.status >= 200 && res.status < 300) {
          latencies.push(us)
          o.onBody?.(w, res.body)
        } else {
          errors++
          firstError ??= `${r.method ?? 'GET'} ${r.path} → ${res.status} ${res.body.slice(0, 300)}`
        }
      } catch (e) {
        errors++
        firstError ??= `${r.method ?? 'GET'} ${r.path} → ${(e as Error).message}`
      }
    }
  }
  await Promise.all(Array.from({ length: o.concurrency }, (_, w) => worker(w)))
  const elapsedSeconds = Number(process.hrtime.bigint() - started) / 1e9
  agent.destroy()
  return { latencies, errors, firstError, elapsedSeconds }
}
