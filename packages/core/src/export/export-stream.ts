/**
 * The export as a stream: pages read by keyset, each in its own short tenant transaction with the user's
 * rights of the moment, written out as the client reads. The next page is read while the connection takes
 * the current one, and no further: at most one page waits ahead, so memory stays flat at millions of rows
 * whatever the client's speed, and no transaction stays open for the length of a download. The export is
 * audited with its row count when it ends, or when the client stops reading.
 * @module
 */
import type { AuthInfo } from '../auth/auth-info'
import { ComptoirError } from '../errors'
import type { RequestContext } from '../records/context'
import type { Core } from '../server/core'
import type { CsvFlavour } from './csv-writer'
import type { ExportPage, ExportPlan } from './export-plan'

export interface ExportStreamOptions {
  core: Core
  auth: AuthInfo
  ip?: string
  plan: ExportPlan
  /** The header line, CRLF-terminated. */
  header: string
  flavour: CsvFlavour
  format: string
  /** The first page, read in the request's transaction (where a bad filter is still a 400). */
  first: ExportPage
}

export function exportStream(o: ExportStreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let count = 0
  let cursor: string | null = o.first.cursor
  let started = false
  let audited = false
  /** The page after `cursor`, being read. */
  let next: Promise<ExportPage> | null = null
  const withUser = <T>(fn: (ctx: RequestContext) => Promise<T>) =>
    o.core.withTenant(o.auth.tenant.id, fn, {
      userId: o.auth.user.id,
      auth: o.auth,
      locale: o.auth.user.locale,
      ip: o.ip,
    })
  const readAhead = () => {
    const from = cursor!
    next = withUser((ctx) => o.plan.page(ctx, from))
    next.catch(() => {}) // reported by the `pull` that takes it, if any does
  }
  const audit = async (complete: boolean) => {
    if (audited) return
    audited = true
    await withUser((ctx) => ctx.audit('export', { entity: o.plan.ref, count, format: o.format, complete }))
  }
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!started) {
            started = true
            count += o.first.rows
            controller.enqueue(encoder.encode((o.flavour.bom ? '\uFEFF' : '') + o.header))
            if (o.first.rows) controller.enqueue(o.first.bytes)
            if (cursor) readAhead()
            return
          }
          if (next) {
            const page = await next
            next = null
            // A list that does not move forward would stream the same page for ever.
            if (page.cursor === cursor) throw new ComptoirError(500, 'internal', 'The list did not advance')
            cursor = page.cursor
            count += page.rows
            if (cursor) readAhead()
            controller.enqueue(page.bytes)
            return
          }
          await audit(true)
          controller.close()
        } catch (e) {
          controller.error(e)
        }
      },
      async cancel() {
        await audit(false)
      },
    },
    // The stream itself holds nothing: `pull` runs when the connection asks for the next chunk.
    { highWaterMark: 0 },
  )
}
