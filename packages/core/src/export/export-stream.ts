/**
 * The export as a stream: pages read by keyset, each in its own short tenant transaction with the user's
 * rights of the moment, written out as the client reads. The next pages are read while the connection
 * takes the current one, and no further: at most `pagesAtOnce` pages wait ahead (two where PostgreSQL
 * writes them, each on its own connection, so both processors work), so memory stays flat at millions of
 * rows whatever the client's speed, and no transaction stays open for the length of a download. The
 * export is audited with its row count when it ends, or when the client stops reading.
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
  /**
   * Pages read at once, each in its own transaction (PostgreSQL writing the lines of each on its own
   * connection); 1: one after the other.
   */
  pagesAtOnce?: number
}

export function exportStream(o: ExportStreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const width = Math.max(1, o.pagesAtOnce ?? 1)
  let count = 0
  let started = false
  let audited = false
  let cancelled = false
  /** Pages being read or waiting to be sent, in the list's order, each with the cursor it ends at. */
  const ahead: { page: Promise<ExportPage>; until: string | null }[] = []
  /** No page will be added to `ahead` any more. */
  let finished = false
  let wakeReader: (() => void) | null = null
  let wakeSender: (() => void) | null = null
  const withUser = <T>(fn: (ctx: RequestContext) => Promise<T>) =>
    o.core.withTenant(o.auth.tenant.id, fn, {
      userId: o.auth.user.id,
      auth: o.auth,
      locale: o.auth.user.locale,
      ip: o.ip,
    })
  /** The page from `start` up to `until`, read in a transaction of its own. */
  const pageUntil = (start: string, until: string) => {
    const page = withUser((ctx) => o.plan.page(ctx, start, until))
    page.catch(() => {}) // reported by the `pull` that takes it, if any does
    return { page, until }
  }
  const push = (page: Promise<ExportPage>, until: string | null = null) => {
    page.catch(() => {}) // reported by the `pull` that takes it, if any does
    ahead.push({ page, until })
    wakeSender?.()
    wakeSender = null
  }
  const stalled = () => new ComptoirError(500, 'internal', 'The list did not advance')
  /**
   * Reads the pages after the first, `width` at most ahead of what the client took. With more than one,
   * each page's end is found first (a read of the list's keys only) so that the next one can start at
   * once, and the pages' own reads, where the time goes, run side by side. When the rows left do not fill
   * a page, it is read alone and the next one, if rows were added meanwhile, starts from its cursor.
   */
  const read = async () => {
    let from = o.first.cursor
    try {
      while (from !== null && !cancelled) {
        while (ahead.length >= width && !cancelled) await new Promise<void>((r) => (wakeReader = r))
        if (cancelled) break
        const start = from
        const until = width > 1 ? await withUser((ctx) => o.plan.boundary(ctx, start)) : null
        if (until !== null) {
          if (until === start) throw stalled()
          const next = pageUntil(start, until)
          push(next.page, until)
          from = until
          continue
        }
        const page = withUser((ctx) => o.plan.page(ctx, start))
        if (width === 1) push(page)
        const p = await page
        // A list that does not move forward would stream the same page for ever.
        if (p.cursor !== null && p.cursor === start) throw stalled()
        if (width > 1) push(page)
        from = p.cursor
      }
    } catch (e) {
      push(Promise.reject(e))
    } finally {
      finished = true
      wakeSender?.()
      wakeSender = null
    }
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
            for (const chunk of o.first.chunks) if (chunk.length) controller.enqueue(chunk)
            void read()
            return
          }
          // A page may hold no row (the list ended where the page before did): the next one is taken
          // then, as a pull that gives nothing is not called again.
          for (;;) {
            while (!ahead.length && !finished) await new Promise<void>((r) => (wakeSender = r))
            const next = ahead.shift()
            wakeReader?.()
            wakeReader = null
            if (!next) break
            const page = await next.page
            // More rows were added before its end than a page holds: the rest of them come next.
            if (next.until !== null && page.cursor !== next.until)
              ahead.unshift(pageUntil(page.cursor!, next.until))
            count += page.rows
            const chunks = page.chunks.filter((c) => c.length)
            if (!chunks.length) continue
            for (const chunk of chunks) controller.enqueue(chunk)
            return
          }
          await audit(true)
          controller.close()
        } catch (e) {
          controller.error(e)
        }
      },
      async cancel() {
        cancelled = true
        wakeReader?.()
        await audit(false)
      },
    },
    // The stream itself holds nothing: `pull` runs when the connection asks for the next chunk.
    { highWaterMark: 0 },
  )
}
