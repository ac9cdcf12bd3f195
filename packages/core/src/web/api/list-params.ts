/**
 * Turns a list's state (search, filters, sort) into the query string the records API and the CSV export
 * share: `filter[field][op]=value`, `q=`, `sort=-a,b`.
 * @module
 */
import type { FilterOp } from '../../records/types'

export interface FilterRow {
  field: string
  op: FilterOp
  /** `in` holds an array, `between` a pair, `isNull` a boolean; others a scalar. */
  value: unknown
}

export interface ListCriteria {
  q?: string
  filters?: FilterRow[]
  sort?: string
}

function encodeValue(op: FilterOp, value: unknown): string | undefined {
  if (op === 'isNull') return value === false || value === 'false' ? 'false' : 'true'
  if (Array.isArray(value)) {
    const parts = value.map((v) => (v && typeof v === 'object' ? (v as { id?: string }).id : v))
    if (parts.some((p) => p === undefined || p === null || p === '')) return undefined
    return parts.join(',')
  }
  if (value && typeof value === 'object') return (value as { id?: string }).id
  if (value === undefined || value === null || value === '') return undefined
  return String(value)
}

/** A filter row that can be sent: complete value for its operator. */
export function isCompleteFilter(row: FilterRow): boolean {
  if (!row.field || !row.op) return false
  if (row.op === 'between')
    return Array.isArray(row.value) && row.value.length === 2 && encodeValue(row.op, row.value) !== undefined
  return encodeValue(row.op, row.value) !== undefined
}

export function listParams(c: ListCriteria): URLSearchParams {
  const p = new URLSearchParams()
  if (c.q?.trim()) p.set('q', c.q.trim())
  for (const row of c.filters ?? []) {
    if (!isCompleteFilter(row)) continue
    p.append(`filter[${row.field}][${row.op}]`, encodeValue(row.op, row.value)!)
  }
  if (c.sort) p.set('sort', c.sort)
  return p
}
