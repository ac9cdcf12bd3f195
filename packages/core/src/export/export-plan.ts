/**
 * What an export writes, decided once when it starts — its columns, their headers and a writer per
 * column — and the reading of one page of it: the list's query (filters, search, sort, keyset position)
 * restricted to the user's read and export scopes, selecting only the columns the cells read, with the
 * titles of the page's references, written out as CSV lines. Each page is read with the rights of the
 * transaction it runs in, so a field hidden or a scope narrowed during a long download applies to the
 * pages that follow. On PostgreSQL the server writes the lines itself (`COPY (query) TO STDOUT`, cells
 * formatted in SQL to the same bytes), and Node only passes them on: reading rows one by one into
 * JavaScript values cost several times what the copy does. Elsewhere (PGlite, wrappers without COPY)
 * the rows are read and written here.
 * @module
 */
import type { Row } from '../db/database'
import { ident } from '../entity/naming'
import { BadRequestError } from '../errors'
import type { CsvColumn } from '../import/csv-columns'
import type { RequestContext } from '../records/context'
import { buildListSql, cursorOf, type ListSql } from '../records/list-sql'
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
import { cellsSql } from './cell-sql'
import { CopyLines } from './copy-lines'
import { pageTitles, type TitledReference, titledReferences } from './page-titles'
import { inlineParams, literal } from './sql-literal'

export interface ExportPage {
  /** CSV lines, CRLF-terminated, in UTF-8, in one or more chunks. */
  chunks: Uint8Array[]
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
    private readonly o: CellWriterOptions & {
      pageSize: number
      /** Rows per page written by PostgreSQL (`COPY`), where the transaction can; none: never. */
      copyPageSize?: number
    },
  ) {
    this.writers = columns.map((c) => cellWriter(c, o))
    this.references = titledReferences(columns)
  }

  /** Whether pages are written by PostgreSQL in `ctx`'s transactions (see `boundary`). */
  copies(ctx: RequestContext): boolean {
    return this.o.copyPageSize !== undefined && ctx.tx.copyOut !== undefined
  }

  /** The rows one page holds in `ctx`'s transactions. */
  private pageRows(ctx: RequestContext): number {
    return this.copies(ctx) ? this.o.copyPageSize! : this.o.pageSize
  }

  /** The list's query after `cursor` (and up to `until`), under the user's read and export scopes. */
  private async listSql(
    ctx: RequestContext,
    select: (visible: boolean[]) => string,
    cursor?: string,
    until?: string,
  ) {
    const svc = ctx.records(this.ref) as RecordsServiceImpl
    svc.assertGranted('export')
    svc.assertGranted('read')
    const model = await svc.model()
    const visible = this.columns.map((c) => !c.field || model.fields.has(c.field.name))
    const p = new Params()
    const where = svc.baseWhere(model, p)
    const exportScope = scopeSql(ctx, model, 'export', p)
    if (exportScope) where.push(exportScope)
    // A page that ends at `until` may hold rows added since its end was found: up to a page more, then
    // it is cut (its cursor is not `until`) and the rest is read next.
    const limit = until ? this.pageRows(ctx) * 2 : this.pageRows(ctx)
    const query = { ...this.query, limit, cursor, until, count: false }
    const owners = query.q?.trim() ? searchOwners(ctx, model, ['read', 'export']) : null
    const sql = buildListSql(model, query, p, where, select(visible), owners)
    return { model, visible, p, sql }
  }

  /**
   * Where the page starting after `cursor` ends: the cursor of its last row, or null when the rows left
   * do not fill a page. Only the list's keys are read, so the pages that follow can be read side by side,
   * each ending where the next one starts (`page(ctx, from, until)`): none repeats or skips a row, even
   * while rows are added or removed.
   */
  async boundary(ctx: RequestContext, cursor: string): Promise<string | null> {
    const { sql, p } = await this.listSql(ctx, () => 't.id', cursor)
    const keys = sql.terms.map((_, i) => `b."__k${i}"`).join(', ')
    const text = `SELECT ${keys} FROM (${sql.text}) b OFFSET ${sql.limit - 1} LIMIT 1`
    const rows = await ctx.tx.query(text, p.values).catch(clientInput(cursor))
    return rows.length ? cursorOf(rows[0], sql.terms) : null
  }

  /**
   * The page after `cursor` (the first one without), read in `ctx`'s transaction with its rights; with
   * `until`, the rows up to that cursor, which is then the page's cursor, unless more rows were added
   * there than a page holds: the page is then cut, and its cursor is where the rest starts.
   */
  async page(ctx: RequestContext, cursor?: string, until?: string): Promise<ExportPage> {
    const { model, visible, p, sql } = await this.listSql(
      ctx,
      (visible) => {
        const read = new Set(this.columns.flatMap((c, i) => (visible[i] ? columnsRead(c) : [])))
        return [...read].map((c) => `t.${ident(c)}`).join(', ')
      },
      cursor,
      until,
    )
    // A value that has no literal (a NUL in a search) leaves the page to the driver's parameters.
    const inlined = this.copies(ctx) ? inlinedOrNull(sql.text, p.values) : null
    if (inlined !== null) {
      const page = await this.copyPage(ctx, sql, inlined, visible, cursor)
      return until && page.cursor === null ? { ...page, cursor: until } : page
    }
    const rows = await ctx.tx.query(sql.text, p.values).catch(clientInput(cursor))
    const more = rows.length > sql.limit
    const page = more ? rows.slice(0, sql.limit) : rows
    const references = this.references.filter((r) => r.name === 'owner' || model.fields.has(r.name))
    const titles = await pageTitles(ctx, references, page)
    const writers = this.writers.map((w, i) => (visible[i] ? w : () => ''))
    return {
      chunks: [lines(page, writers, titles, this.o.flavour.delimiter)],
      rows: page.length,
      cursor: more ? cursorOf(page[page.length - 1], sql.terms) : (until ?? null),
    }
  }

  /**
   * The page written by PostgreSQL: the list's query, its values inlined, under a select of each row's
   * keyset values and its cells (`cell-sql.ts`), copied out as CSV.
   */
  private async copyPage(
    ctx: RequestContext,
    sql: ListSql,
    inlined: string,
    visible: boolean[],
    cursor: string | undefined,
  ): Promise<ExportPage> {
    const cells = await cellsSql(ctx, this.columns, visible, this.o)
    const keys = sql.terms.map((_, i) => `p."__k${i}"`).join(', ')
    const { delimiter } = this.o.flavour
    const text = `COPY (SELECT ${keys}, ${cells.join(', ')} FROM (${inlined}) p) TO STDOUT (FORMAT csv, DELIMITER ${literal(delimiter)})`
    const out = new CopyLines(sql.limit, sql.terms.length, delimiter)
    // Compiling the statement's many expressions (JIT, which its estimated cost calls for) took longer
    // than running it. The setting ends with the transaction; it goes out in the same flight as the copy.
    const noJit = ctx.tx.query(`SELECT set_config('jit', 'off', true)`)
    const copy = ctx.tx.copyOut!(text, (chunk) => out.push(chunk))
    await Promise.all([noJit, copy.catch(clientInput(cursor))])
    return out.page()
  }
}

function inlinedOrNull(text: string, values: readonly unknown[]): string | null {
  try {
    return inlineParams(text, values)
  } catch {
    return null
  }
}

/**
 * A value the column type rejects (`invalid input syntax`) is the client's: its cursor, or on the first
 * page its filter.
 */
function clientInput(cursor: string | undefined): (e: any) => never {
  return (e) => {
    if (typeof e?.code === 'string' && e.code.startsWith('22')) {
      const path = cursor ? 'cursor' : 'filter'
      throw new BadRequestError('bad-request', 'A value does not fit its field', [
        { path, code: path === 'cursor' ? 'invalid_cursor' : 'invalid_filter' },
      ])
    }
    throw e
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
