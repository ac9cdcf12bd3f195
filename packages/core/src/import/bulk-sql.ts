/**
 * Multi-row statements: one INSERT (or UPDATE) for a whole batch instead of one per row, which is what
 * makes bulk writes tens of times faster. The rows travel as a single JSON parameter turned into table
 * rows by `jsonb_populate_recordset(NULL::<table>, …)`: every value gets the column's own type, the
 * statement text is the same for every batch (prepared once), and there is no limit of 65,535
 * parameters to work around. Callers give each row's values in the order of the columns, and the JSON
 * text is written from them directly: no object per row, whose building and serialising cost more than
 * the database's parsing of the text. Table and column names come from metadata; every value is data.
 * @module
 */
import type { Queryable, Row } from '../db/database'
import { ident } from '../entity/naming'

const ROWS_PER_STATEMENT = 5000

/** One row's values, in the order of the statement's columns (`undefined` is NULL). */
export type Values = readonly unknown[]

/** A value as `JSON.stringify` writes it inside an object, absent values as `null`. */
function json(v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null'
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  return JSON.stringify(v) ?? 'null'
}

/** `rows` as a JSON array of objects keyed by `columns`, as `JSON.stringify` would write them. */
export function rowsJson(columns: readonly string[], rows: readonly Values[]): string {
  const keys = columns.map((c, i) => `${i ? ',' : '{'}${JSON.stringify(c)}:`)
  const parts: string[] = []
  for (const values of rows) {
    let text = ''
    for (let i = 0; i < keys.length; i++) text += keys[i] + json(values[i])
    parts.push(`${text}}`)
  }
  return `[${parts.join(',')}]`
}

function slices<T>(rows: readonly T[]): (readonly T[])[] {
  const out: (readonly T[])[] = []
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) out.push(rows.slice(i, i + ROWS_PER_STATEMENT))
  return out
}

/** Inserts `rows` (values in `columns` order); `returning` is written against the alias `t`. */
export async function insertRows(
  tx: Queryable,
  table: string,
  columns: readonly string[],
  rows: readonly Values[],
  returning?: string,
): Promise<Row[]> {
  const out: Row[] = []
  const list = columns.map(ident).join(', ')
  const sql = `INSERT INTO ${ident(table)} AS t (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${ident(table)}, $1::text::jsonb)${returning ? ` RETURNING ${returning}` : ''}`
  for (const part of slices(rows)) out.push(...(await tx.query(sql, [rowsJson(columns, part)])))
  return out
}

/**
 * Sets `columns` on the live rows of the tenant whose `id` the given rows carry (`columns` includes
 * `id`, which is not set).
 */
export async function updateRows(
  tx: Queryable,
  table: string,
  tenantId: string,
  columns: readonly string[],
  rows: readonly Values[],
  o: { set: string[]; returning: string },
): Promise<Row[]> {
  const out: Row[] = []
  const sets = [...columns.filter((c) => c !== 'id').map((c) => `${ident(c)} = v.${ident(c)}`), ...o.set]
  const sql = `UPDATE ${ident(table)} AS t SET ${sets.join(', ')}
    FROM jsonb_populate_recordset(NULL::${ident(table)}, $2::text::jsonb) AS v
    WHERE t.tenant_id = $1 AND t.id = v.id AND t.deleted_at IS NULL RETURNING ${o.returning}`
  for (const part of slices(rows)) out.push(...(await tx.query(sql, [tenantId, rowsJson(columns, part)])))
  return out
}
