/**
 * `GET /api/v1/export/:entity`: the list as a CSV download, with the list's filters, search, sort and
 * columns (`filter[…]`, `q`, `sort`, `fields`), French Excel flavour by default or `format=csv` for RFC
 * 4180. Needs `<ref>.export` and returns only what the user may read; ids and the ids of linked records
 * are included so that the file can be re-imported as an upsert.
 * @module
 */
import { Hono } from 'hono'
import { BadRequestError, NotFoundError } from '../errors'
import type { AppEnv } from '../http/env'
import { clientIp } from '../http/request'
import { csvColumns, uniqueHeaders } from '../import/csv-columns'
import { registerImportJobs } from '../import/register'
import { parseListQuery } from '../records/parse-query'
import type { RecordsServiceImpl } from '../records/records-service'
import { csvLine, type ExportFormat, FLAVOURS } from './csv-writer'
import { ExportPlan } from './export-plan'
import { exportStream } from './export-stream'

/**
 * Rows per page: one tenant transaction, one query for the rows and one per referenced entity. Larger
 * pages were no faster and hold more memory at once; smaller ones left the memory no flatter.
 */
const PAGE_SIZE = 1000
/**
 * Rows per page PostgreSQL writes (one `COPY`). Its cost is the rows', with little per page: pages of
 * 2,000 to 20,000 rows measured alike; this one keeps what a page holds at once to a few megabytes.
 */
const COPY_PAGE_SIZE = 5000
/** Pages PostgreSQL writes at once for one export, each on its own connection of the pool. */
const PAGES_AT_ONCE = 2

export function exportRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>()
  r.get('/:entity', async (c) => {
    const ctx = c.get('ctx')
    const ref = c.req.param('entity')
    if (!ctx.core.registry.entities.has(ref)) throw new NotFoundError(`Unknown entity ${ref}`)
    registerImportJobs(ctx.core)
    const url = new URL(c.req.url)
    const format = (url.searchParams.get('format') ?? 'excel') as ExportFormat
    if (!(format in FLAVOURS)) {
      throw new BadRequestError('bad-request', 'Invalid format', [
        { path: 'format', code: 'invalid_option', params: { options: ['excel', 'csv'] } },
      ])
    }
    for (const p of ['format', 'limit', 'cursor', 'count']) url.searchParams.delete(p)
    const query = parseListQuery(url)
    const model = await (ctx.records(ref) as RecordsServiceImpl).model()
    const columns = csvColumns(model, ctx.core.messages, query.fields)
    const flavour = FLAVOURS[format]
    const plan = new ExportPlan(ref, query, columns, {
      model,
      flavour,
      messages: ctx.core.messages,
      locale: ctx.locale,
      pageSize: PAGE_SIZE,
      copyPageSize: COPY_PAGE_SIZE,
    })
    const stream = exportStream({
      core: ctx.core,
      auth: c.get('auth'),
      ip: clientIp(c),
      plan,
      header: csvLine(uniqueHeaders(columns, ctx.locale), flavour.delimiter),
      flavour,
      format,
      // Read in the request's transaction: no right, a bad filter or sort is still an error response.
      first: await plan.page(ctx),
      pagesAtOnce: plan.copies(ctx) ? PAGES_AT_ONCE : 1,
    })
    const name = `${model.entity.name}-${ctx.core.now().toISOString().slice(0, 10)}.csv`
    return new Response(stream, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${name}"`,
        'cache-control': 'no-store',
      },
    })
  })
  return r
}
