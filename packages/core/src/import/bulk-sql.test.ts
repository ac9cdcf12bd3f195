import { describe, expect, it } from 'vitest'
import { rowsJson } from './bulk-sql'

describe('bulk rows as JSON', () => {
  it('writes what JSON.stringify writes for the same rows as objects, absent values as null', () => {
    const columns = ['id', 'name', 'amount', 'done', 'at', 'custom', 'tags', 'missing']
    const at = new Date('2026-11-27T14:30:00.123Z')
    const rows = [
      ['a', 'Dupré "le jeune"\n\\', 12.5, true, at, { note: 'é', n: [1, null] }, ['vip', 'b;c'], undefined],
      ['b', null, Number.NaN, false, null, {}, [], null],
    ]
    const objects = rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? null])))
    expect(JSON.parse(rowsJson(columns, rows))).toEqual(JSON.parse(JSON.stringify(objects)))
    expect(rowsJson(columns, [])).toBe('[]')
  })
})
