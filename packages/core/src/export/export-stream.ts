/**
 * The export as a stream: pages of 1,000 records read by keyset, each page in its own short tenant
 * transaction through the records service's list (so scope, hidden fields and titles are exactly the
 * list's), written out as the client reads. Memory stays constant at millions of rows and no transaction
 * stays open for the length of a download. The export is audited with its row count when it ends, or
 * when the client stops reading.
 * @module
 */
import type { AuthInfo } from '../auth/auth-info'
import { ComptoirError } from '../errors'
import type { RequestContext } from '../records/context'
import type { RecordsServiceImpl } from '../records/records-service'
import { scopeSql } from '../records/scope'
import type { Params } from '../records/sql-params'
import type { ListQuery, ListResult } from '../records/types'
import type { Core } from '../server/core'
import type { CellText } from './cell-text'
import { type CsvFlavour, csvLine } from './csv-writer'

export const EXPORT_PAGE = 1000

/** A page of the list, also restricted to the user's export scope. */
export async function exportPage(
  ctx: RequestContext,
  ref: string,
  query: ListQuery,
  cursor?: string,
): Promise<ListResult> {
  const svc = ctx.records(ref) as RecordsServiceImpl
  svc.assertGranted('export')
  const model = await svc.model()
  const extra = (p: Params) => {
    const s = scopeSql(ctx, model, 'export', p)
    return s ? [s] : []
  }
  return svc.list({ ...query, limit: EXPORT_PAGE, cursor, count: false }, extra)
}

export interface ExportStreamOptions {
  core: Core
  auth: AuthInfo
  ip?: string
  ref: string
  query: ListQuery
  headers: string[]
  text: CellText
  flavour: CsvFlavour
  format: string
  /** The first page, read in the request's transaction (where a bad filter is still a 400). */
  first: ListResult
}

export function exportStream(o: ExportStreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let count = 0
  let cursor: string | null = o.first.nextCursor
  let started = false
  let audited = false
  const withUser = <T>(fn: (ctx: RequestContext) => Promise<T>) =>
    o.core.withTenant(o.auth.tenant.id, fn, {
      userId: o.auth.user.id,
      auth: o.auth,
      locale: o.auth.user.locale,
      ip: o.ip,
    })
  const audit = async (complete: boolean) => {
    if (audited) return
    audited = true
    await withUser((ctx) => ctx.audit('export', { entity: o.ref, count, format: o.format, complete }))
  }
  const lines = (page: ListResult) => {
    count += page.data.length
    return page.data.map((r) => csvLine(o.text.row(r), o.flavour.delimiter)).join('')
  }
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true
          const head = (o.flavour.bom ? '\uFEFF' : '') + csvLine(o.headers, o.flavour.delimiter)
          controller.enqueue(encoder.encode(head + lines(o.first)))
          return
        }
        if (cursor) {
          const page = await withUser((ctx) => exportPage(ctx, o.ref, o.query, cursor!))
          // A list that does not move forward would stream the same page for ever.
          if (page.nextCursor === cursor) throw new ComptoirError(500, 'internal', 'The list did not advance')
          cursor = page.nextCursor
          controller.enqueue(encoder.encode(lines(page)))
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
  })
}
