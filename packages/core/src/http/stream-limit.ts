/**
 * A request body limit that never holds the body in memory, for routes that stream large uploads to
 * storage: a declared `Content-Length` over the limit is refused before anything is read, and a body sent
 * in chunks is counted as the route reads it, the read failing once past the limit. (Hono's `bodyLimit`
 * reads a chunked body whole into memory before the route sees it.)
 * @module
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { ComptoirError } from '../errors'
import type { AppEnv } from './env'

export interface StreamLimitOptions {
  /** The limit in bytes for this request. */
  maxSize: (c: Context<AppEnv>) => number
  /** The error a body over the limit raises (a 413). */
  tooLarge: (c: Context<AppEnv>) => ComptoirError
}

export function streamLimit(o: StreamLimitOptions): MiddlewareHandler<AppEnv> {
  return async function streamLimit(c, next) {
    const body = c.req.raw.body
    if (!body) return next()
    const max = o.maxSize(c)
    const declared = c.req.header('content-length')
    if (declared !== undefined && !c.req.header('transfer-encoding') && Number(declared) > max)
      throw o.tooLarge(c)
    const reader = body.getReader()
    let size = 0
    const counted = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          const r = await reader.read()
          if (r.done) return controller.close()
          size += r.value.byteLength
          if (size > max) {
            // The rest of the body is left to the server to drain, so the client still gets the 413.
            reader.releaseLock()
            controller.error(o.tooLarge(c))
            return
          }
          controller.enqueue(r.value)
        },
        cancel: (reason) => reader.cancel(reason),
      },
      { highWaterMark: 0 },
    )
    c.req.raw = new Request(c.req.raw, { body: counted, duplex: 'half' } as RequestInit)
    return next()
  }
}
