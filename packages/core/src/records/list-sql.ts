/**
 * SQL of a list: tenant predicate first (so plans use the tenant-leading indexes), scope, filters, search,
 * keyset position, order and limit. Column names come from metadata; every value is a parameter.
 * @module
 */
import { BadRequestError, type FieldError } from '../errors'
import { normalizeValue } from '../entity/validate'
import { filterOperators } from '../entity/fields'
import { columnsOf } from '../entity/columns'
import { ident } from '../entity/naming'
import { searchSql } from '../search/search-sql'
import type { EntityModel } from './entity-model'
import type { Params } from './sql-params'
import type { Filter, ListQuery } from './types'

export const COUNT_CAP = 10_000

interface OrderTerm {
  sql: string
  desc: boolean
  nullable: boolean
  /** Key in the cursor payload. */
  key: string
}

const STANDARD: Record<string, { column: string; type: 'datetime' | 'user' }> = {
  id: { column: 'id', type: 'user' },
  createdAt: { column: 'created_at', type: 'datetime' },
  updatedAt: { column: 'updated_at', type: 'datetime' },
  owner: { column: 'owner_id', type: 'user' },
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`)
}

function filterSql(model: EntityModel, flt: Filter, p: Params, errors: FieldError[]): string | null {
  const path = `filter[${flt.field}][${flt.op}]`
  let target: { sql: string; def: any } | null = null
  const std = STANDARD[flt.field]
  if (std) {
    target = {
      sql: `t.${std.column}`,
      def: { type: std.type === 'user' ? 'user' : 'datetime', required: false },
    }
  } else {
    const v = model.valueSql(flt.field)
    if (v) target = { sql: v.sql, def: v.field.def }
    else {
      const mf = model.fields.get(flt.field)
      if (mf?.def.type === 'multiSelect' || mf?.def.type === 'address' || mf?.def.type === 'parent')
        target = { sql: '', def: mf.def }
    }
  }
  if (!target) {
    errors.push({ path, code: 'invalid_filter' })
    return null
  }
  const def = target.def
  const ops = std
    ? std.type === 'user'
      ? ['eq', 'ne', 'in', 'isNull']
      : ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'between', 'isNull']
    : filterOperators(def)
  if (!ops.includes(flt.op)) {
    errors.push({ path, code: 'invalid_operator' })
    return null
  }
  const one = (raw: unknown): unknown => {
    const d =
      def.type === 'parent'
        ? { ...def, type: 'belongsTo' }
        : def.type === 'computed'
          ? {
              ...def,
              type: def.resultType === 'text' ? 'text' : 'decimal',
              precision: 18,
              scale: 2,
              maxLength: 1000,
            }
          : def
    const r = normalizeValue({ ...d, required: false, maxLength: Math.max(d.maxLength ?? 0, 1000) }, raw)
    if (r.error || r.value === null) {
      errors.push({ path, code: r.error ?? 'invalid_filter' })
      return undefined
    }
    return r.value
  }
  if (flt.op === 'isNull') {
    const isNull = flt.value === 'true' || flt.value === true
    if (def.type === 'multiSelect') {
      const col = model.valueSql(flt.field)?.sql ?? `t."${flt.field}"`
      return isNull ? `coalesce(cardinality(${col}), 0) = 0` : `cardinality(${col}) > 0`
    }
    if (def.type === 'address') {
      const parts = columnsOf(flt.field, def).map((c) => `t.${ident(c.column)} IS NULL`)
      return isNull ? `(${parts.join(' AND ')})` : `NOT (${parts.join(' AND ')})`
    }
    if (def.type === 'parent')
      return `t.${ident(columnsOf(flt.field, def)[1].column)} IS ${isNull ? '' : 'NOT '}NULL`
    if (!target.sql) return null
    return `${target.sql} IS ${isNull ? '' : 'NOT '}NULL`
  }
  if (def.type === 'multiSelect') {
    const values = (Array.isArray(flt.value) ? flt.value : [flt.value]).map(String)
    const col = target.sql || `t."${flt.field}"`
    return `${col} && ${p.add(values)}::text[]`
  }
  if (def.type === 'address') {
    const parts = columnsOf(flt.field, def).map((c) => `t.${ident(c.column)}`)
    const s = String(flt.value ?? '')
    if (s.length > 200) {
      errors.push({ path, code: 'too_long' })
      return null
    }
    const pat = p.add(`%${likeEscape(s)}%`)
    return `(${parts.map((c) => `comptoir_unaccent(lower(${c})) LIKE comptoir_unaccent(lower(${pat}))`).join(' OR ')})`
  }
  if (def.type === 'parent') target.sql = `t.${ident(columnsOf(flt.field, def)[1].column)}`
  const col = target.sql
  const isText =
    ['text', 'longText', 'email', 'phone', 'url', 'select'].includes(def.type) || def.resultType === 'text'
  switch (flt.op) {
    case 'contains':
    case 'startsWith': {
      const s = String(flt.value ?? '')
      if (s.length > 200) {
        errors.push({ path, code: 'too_long' })
        return null
      }
      const pat = flt.op === 'contains' ? `%${likeEscape(s)}%` : `${likeEscape(s)}%`
      return `comptoir_unaccent(lower(${col})) LIKE comptoir_unaccent(lower(${p.add(pat)}))`
    }
    case 'in': {
      const arr = (flt.value as unknown[]).map(one)
      if (arr.some((x) => x === undefined) || arr.length > 500) return null
      return `${col} = ANY(${p.add(arr)}${isText ? '::text[]' : def.type === 'belongsTo' || def.type === 'user' || def.type === 'parent' ? '::uuid[]' : ''})`
    }
    case 'between': {
      const arr = (flt.value as unknown[]).map(one)
      if (arr.length !== 2 || arr.some((x) => x === undefined)) {
        errors.push({ path, code: 'invalid_filter' })
        return null
      }
      return `${col} BETWEEN ${p.add(arr[0])} AND ${p.add(arr[1])}`
    }
    default: {
      const v = one(flt.value)
      if (v === undefined) return null
      const op = { eq: '=', ne: 'IS DISTINCT FROM', lt: '<', lte: '<=', gt: '>', gte: '>=' }[flt.op as 'eq']
      return `${col} ${op} ${p.add(v)}`
    }
  }
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url')
}

function decodeCursor(cursor: string, n: number): unknown[] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (!Array.isArray(v) || v.length !== n) throw new Error('shape')
    // The last key is always the record id.
    if (
      typeof v[n - 1] !== 'string' ||
      !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v[n - 1])
    )
      throw new Error('id')
    for (const x of v)
      if (x !== null && typeof x !== 'string' && typeof x !== 'number' && typeof x !== 'boolean')
        throw new Error('type')
    return v
  } catch {
    throw new BadRequestError('bad-request', 'Invalid cursor', [{ path: 'cursor', code: 'invalid_cursor' }])
  }
}

/**
 * The order terms as one row compared with `values` (`op` for their direction), where that says it
 * exactly and the index can use it: no term nullable, all in one direction. Null otherwise.
 */
function rowCompared(terms: OrderTerm[], values: unknown[], p: Params, op: (desc: boolean) => string) {
  if (terms.some((t) => t.nullable || t.desc !== terms[0].desc)) return null
  return `(${terms.map((t) => t.sql).join(', ')}) ${op(terms[0].desc)} (${values.map((v) => p.add(v)).join(', ')})`
}

/** Keyset condition "strictly after `values`" for the order terms (NULLS LAST in both directions). */
function keysetSql(terms: OrderTerm[], values: unknown[], p: Params): string {
  const row = rowCompared(terms, values, p, (desc) => (desc ? '<' : '>'))
  if (row) return row
  const build = (i: number): string => {
    const t = terms[i]
    const v = values[i]
    const rest = i + 1 < terms.length ? build(i + 1) : 'false'
    if (v === null) return `(${t.sql} IS NULL AND (${rest}))`
    const ph = p.add(v)
    const after = `${t.sql} ${t.desc ? '<' : '>'} ${ph}${t.nullable ? ` OR ${t.sql} IS NULL` : ''}`
    return `(${after} OR (${t.sql} = ${ph} AND (${rest})))`
  }
  return build(0)
}

/**
 * Keyset condition "at or before `values`": exactly the rows `keysetSql` leaves out for the same values,
 * with a bound on the first term that the index scan stops at (an `OR` of terms gives it none).
 */
function uptoSql(terms: OrderTerm[], values: unknown[], p: Params): string {
  const row = rowCompared(terms, values, p, (desc) => (desc ? '>=' : '<='))
  if (row) return row
  const exact = `NOT coalesce(${keysetSql(terms, values, p)}, false)`
  // A first value that is null (last in either direction) bounds nothing: every row before it qualifies.
  if (values[0] === null) return exact
  return `${terms[0].sql} ${terms[0].desc ? '>=' : '<='} ${p.add(values[0])} AND ${exact}`
}

export interface ListSql {
  text: string
  countText?: string
  terms: OrderTerm[]
  limit: number
}

/**
 * Builds the list query. `base` holds predicates already decided by the caller (scope, relation);
 * `searchOwners` the owners a `q=` search is narrowed to before its best matches are taken (null: all).
 */
export function buildListSql(
  model: EntityModel,
  query: ListQuery,
  p: Params,
  base: string[],
  /** The select list; a function is called once every other parameter has been added to `p`. */
  select: string | (() => string),
  searchOwners: string[] | null = null,
): ListSql {
  const errors: FieldError[] = []
  const where = [...base]
  for (const flt of query.filters ?? []) {
    const s = filterSql(model, flt, p, errors)
    if (s) where.push(s)
  }
  let from = `${model.table} t`
  const terms: OrderTerm[] = []
  const searching = !!query.q?.trim()
  if (searching) {
    const search = searchSql(model, query.q!.trim(), 2000, searchOwners, p)
    from += search.join
    where.push(...search.where)
  }
  for (const key of query.sort ?? []) {
    const std = STANDARD[key.field]
    if (std) {
      terms.push({ sql: `t.${std.column}`, desc: key.desc, nullable: std.type === 'user', key: key.field })
      continue
    }
    const v = model.valueSql(key.field)
    if (!v) {
      errors.push({ path: 'sort', code: 'invalid_sort', params: { field: key.field } })
      continue
    }
    terms.push({ sql: v.sql, desc: key.desc, nullable: model.nullable(key.field), key: key.field })
  }
  if (!terms.length) {
    if (searching) terms.push({ sql: 's.score', desc: true, nullable: false, key: '_score' })
    else {
      const def = model.entity.list?.sort ?? model.entity.title[0]
      const desc = def.startsWith('-')
      const name = desc ? def.slice(1) : def
      const v = model.valueSql(name)
      if (v) terms.push({ sql: v.sql, desc, nullable: model.nullable(name), key: name })
    }
  }
  terms.push({
    sql: 't.id',
    desc: terms.length ? terms[terms.length - 1].desc : false,
    nullable: false,
    key: 'id',
  })
  if (errors.length) throw new BadRequestError('bad-request', 'Invalid list parameters', errors)
  const filterWhere = [...where]
  if (query.cursor) where.push(keysetSql(terms, decodeCursor(query.cursor, terms.length), p))
  if (query.until) where.push(uptoSql(terms, decodeCursor(query.until, terms.length), p))
  const limit = query.limit ?? 50
  const order = terms
    .map((t) => `${t.sql} ${t.desc ? 'DESC' : 'ASC'}${t.nullable ? ' NULLS LAST' : ''}`)
    .join(', ')
  // As text: timestamps keep their microseconds, so a cursor never lands inside a millisecond.
  const keyCols = terms.map((t, i) => `(${t.sql})::text AS "__k${i}"`).join(', ')
  const text = `SELECT ${typeof select === 'function' ? select() : select}, ${keyCols} FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${limit + 1}`
  const countText = query.count
    ? `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from} WHERE ${filterWhere.join(' AND ')} LIMIT ${COUNT_CAP + 1}) c`
    : undefined
  return { text, countText, terms, limit }
}

/** Cursor of the last row of a page. */
export function cursorOf(row: Record<string, any>, terms: OrderTerm[]): string {
  return encodeCursor(
    terms.map((_, i) => {
      const v = row[`__k${i}`]
      return v instanceof Date ? v.toISOString() : (v ?? null)
    }),
  )
}
