/**
 * What an export writes, decided once when it starts — its columns, their headers and a writer per
 * column — and the reading of one page of it: the list's query (filters, search, sort, keyset position)
 * restricted to the user's read and export scopes, selecting only the columns the cells read, with the
 * titles of the page's references, written out as CSV lines. Each page is read with the rights of the
 * transaction it runs in, so a field hidden or a scope narrowed during a long download applies to the
 * pages that follow.
 * @module
 */
import type { Row } from '../db/database'
import { ident } from '../entity/naming'
import { BadRequestError } from '../errors'
import type { CsvColumn } from '../import/csv-columns'
import type { RequestContext } from '../records/context'
import { buildListSql, cursorOf } from '../records/list-sql'
import { searchOwners } from '../search/search-sql'
import type { RecordsServiceImpl } from '../records/records-service'
import { scopeSql } from '../records/scope'
import { Params } from '../records/sql-params'
import type { ListQuery } from '../records/types'
import {
  type CellWriter,
  type CellWriterOptions,
  cellWriter,
  columnsRead,
  type PageTitles,
} from './cell-writers'
import { ByteSink } from './byte-sink'
import { pageTitles, type TitledReference, titledReferences } from './page-titles'

export interface ExportPage {
  /** CSV lines, CRLF-terminated, in UTF-8. */
  bytes: Uint8Array
  rows: number
  /** Where the next page starts, or null after the last one. */
  cursor: string | null
}

export class ExportPlan {
  private readonly writers: CellWriter[]
  private readonly references: TitledReference[]

  constructor(
    readonly ref: string,
    private readonly query: ListQuery,
    private readonly columns: CsvColumn[],
    private readonly o: CellWriterOptions & { pageSize: number },
  ) {
    this.writers = columns.map((c) => cellWriter(c, o))
    this.references = titledReferences(columns)
  }

  /** The page after `cursor` (the first one without), read in `ctx`'s transaction with its rights. */
  async page(ctx: RequestContext, cursor?: string): Promise<ExportPage> {
    const svc = ctx.records(this.ref) as RecordsServiceImpl
    svc.assertGranted('export')
    svc.assertGranted('read')
    const model = await svc.model()
    const visible = this.columns.map((c) => !c.field || model.fields.has(c.field.name))
    const p = new Params()
    const where = svc.baseWhere(model, p)
    const exportScope = scopeSql(ctx, model, 'export', p)
    if (exportScope) where.push(exportScope)
    const read = new Set(this.columns.flatMap((c, i) => (visible[i] ? columnsRead(c) : [])))
    const select = [...read].map((c) => `t.${ident(c)}`).join(', ')
    const query = { ...this.query, limit: this.o.pageSize, cursor, count: false }
    const owners = query.q?.trim() ? searchOwners(ctx, model, ['read', 'export']) : null
    const sql = buildListSql(model, query, p, where, select, owners)
    const rows = await ctx.tx.query(sql.text, p.values).catch((e) => {
      // A cursor or filter value the column type rejects (`invalid input syntax`): the client's input.
      if (typeof e?.code === 'string' && e.code.startsWith('22')) {
        const path = cursor ? 'cursor' : 'filter'
        throw new BadRequestError('bad-request', 'A value does not fit its field', [
          { path, code: path === 'cursor' ? 'invalid_cursor' : 'invalid_filter' },
        ])
      }
      throw e
    })
    const more = rows.length > sql.limit
    const page = more ? rows.slice(0, sql.limit) : rows
    const references = this.references.filter((r) => r.name === 'owner' || model.fields.has(r.name))
    const titles = await pageTitles(ctx, references, page)
    const writers = this.writers.map((w, i) => (visible[i] ? w : () => ''))
    return {
      bytes: lines(page, writers, titles, this.o.flavour.delimiter),
      rows: page.length,
      cursor: more ? cursorOf(page[page.length - 1], sql.terms) : null,
    }
  }
}

function lines(rows: Row[], writers: CellWriter[], titles: PageTitles, delimiter: string): Uint8Array {
  const sink = new ByteSink(rows.length * 256)
  for (const row of rows) {
    let line = writers[0](row, titles)
    for (let i = 1; i < writers.length; i++) line += delimiter + writers[i](row, titles)
    sink.write(`${line}\r\n`)
  }
  return sink.bytes()
}
