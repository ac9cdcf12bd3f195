import { createFormatter, listParams, sumDecimals } from '@comptoir/core/web'
import { describe, expect, it } from 'vitest'

describe('formats in the user’s locale', () => {
  const fr = createFormatter('fr')
  const en = createFormatter('en')

  it('writes money, dates and counts the French way', () => {
    expect(fr.money('1234.56')).toBe('1\u202f234,56\u00a0€')
    expect(fr.date('2026-11-27')).toBe('27/11/2026')
    expect(fr.count(1234)).toBe('1\u202f234')
    expect(fr.count(10000, true)).toBe('10\u202f000+')
    expect(en.money('1234.56')).toBe('€1,234.56')
  })

  it('adds decimal strings exactly', () => {
    expect(sumDecimals(['0.10', '0.20', null, '1234567890123.45'])).toBe('1234567890123.75')
    expect(sumDecimals(['-5', '2.5'])).toBe('-2.50')
  })
})

describe('list query string', () => {
  it('encodes search, filters and sort as the records API reads them', () => {
    const p = listParams({
      q: ' élodie ',
      sort: '-annualRevenue',
      filters: [
        { field: 'type', op: 'in', value: ['customer', 'prospect'] },
        { field: 'annualRevenue', op: 'between', value: ['1000', '5000'] },
        { field: 'parentAccount', op: 'eq', value: { id: 'abc', title: 'Dupont' } },
        { field: 'email', op: 'isNull', value: true },
        { field: 'name', op: 'contains', value: '' },
      ],
    })
    expect([...p]).toEqual([
      ['q', 'élodie'],
      ['filter[type][in]', 'customer,prospect'],
      ['filter[annualRevenue][between]', '1000,5000'],
      ['filter[parentAccount][eq]', 'abc'],
      ['filter[email][isNull]', 'true'],
      ['sort', '-annualRevenue'],
    ])
  })
})
