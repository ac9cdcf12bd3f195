/**
 * HTTP query string → `ListQuery`. Anything that does not parse is a 400 problem naming the parameter.
 * @module
 */
import { BadRequestError, type FieldError } from '../errors'
import type { Filter, FilterOp, ListQuery, SortKey } from './types'

const OPS = new Set<FilterOp>([
  'eq',
  'ne',
  'lt',
  'lte',
  'gt',
  'gte',
  'in',
  'contains',
  'startsWith',
  'isNull',
  'between',
])

export function parseListQuery(url: URL): ListQuery {
  const errors: FieldError[] = []
  const filters: Filter[] = []
  const q: ListQuery = {}
  for (const [key, raw] of url.searchParams) {
    const m = /^filter\[([A-Za-z0-9_.]+)\](?:\[([A-Za-z]+)\])?$/.exec(key)
    if (m && hasControl(raw)) {
      errors.push({ path: key, code: 'control_characters' })
      continue
    }
    if (m) {
      const op = (m[2] ?? 'eq') as FilterOp
      if (!OPS.has(op)) errors.push({ path: key, code: 'invalid_operator' })
      else filters.push({ field: m[1], op, value: op === 'in' || op === 'between' ? raw.split(',') : raw })
      continue
    }
    if (key.startsWith('filter')) {
      errors.push({ path: key, code: 'invalid_filter' })
      continue
    }
    switch (key) {
      case 'q':
        if (raw.length > 200) errors.push({ path: 'q', code: 'too_long', params: { max: 200 } })
        else if (hasControl(raw)) errors.push({ path: 'q', code: 'control_characters' })
        else q.q = raw
        break
      case 'sort': {
        const keys: SortKey[] = []
        for (const part of raw.split(',').filter(Boolean)) {
          const desc = part.startsWith('-')
          const field = desc ? part.slice(1) : part
          if (!/^[A-Za-z0-9_.]{1,80}$/.test(field)) errors.push({ path: 'sort', code: 'invalid_sort' })
          else keys.push({ field, desc })
        }
        if (keys.length > 5) errors.push({ path: 'sort', code: 'invalid_sort' })
        q.sort = keys
        break
      }
      case 'limit': {
        const n = Number(raw)
        if (!/^\d{1,3}$/.test(raw) || n < 1 || n > 200) errors.push({ path: 'limit', code: 'invalid_limit' })
        else q.limit = n
        break
      }
      case 'cursor':
        q.cursor = raw
        break
      case 'count':
        q.count = raw === 'true' || raw === '1'
        break
      case 'fields':
        q.fields = raw.split(',').filter(Boolean)
        break
      default:
        break
    }
  }
  if (errors.length) throw new BadRequestError('bad-request', 'Invalid list parameters', errors)
  if (filters.length) q.filters = filters
  return q
}

/** NUL and other C0 control characters (tab, newline and carriage return aside). */
export function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) return true
  }
  return false
}
