import { describe, expect, it } from 'vitest'
import {
  buildColumns,
  type Deal,
  mayMove,
  movedDeal,
  parseFilters,
  type Stage,
  viewQuery,
} from './pipeline-data'

const stages: Stage[] = [
  { id: 'b', name: 'Négociation', position: 40, kind: 'open' },
  { id: 'a', name: 'Proposition', position: 30, kind: 'open' },
]
const deal = (id: string, stage: string, amount: string | null, closeDate: string | null): Deal => ({
  id,
  version: 1,
  name: id,
  stage: { id: stage },
  amount,
  closeDate,
})

describe('buildColumns', () => {
  it('orders columns by position and cards by close date, and sums amounts exactly', () => {
    const cols = buildColumns(stages, [
      deal('late', 'a', '0.10', '2027-02-01'),
      deal('undated', 'a', null, null),
      deal('soon', 'a', '0.20', '2026-12-01'),
      deal('other', 'b', '1999999999999.99', '2026-12-24'),
    ])
    expect(cols.map((c) => [c.stage.name, c.deals.map((d) => d.id), c.total])).toEqual([
      ['Proposition', ['soon', 'late', 'undated'], '0.30'],
      ['Négociation', ['other'], '1999999999999.99'],
    ])
  })

  it('moves a deal to a stage with its lost reason', () => {
    expect(movedDeal(deal('x', 'a', '1', null), stages[0], { lostReason: 'Prix' })).toMatchObject({
      stage: { id: 'b', title: 'Négociation' },
      lostReason: 'Prix',
    })
  })
})

describe('address parameters shared with the deals list', () => {
  it('reads and writes the list’s search and filter rows', () => {
    const rows = [{ field: 'amount', op: 'gte' as const, value: '5000' }]
    const query = viewQuery(' atelier ', rows)
    const params = new URLSearchParams(query)
    expect(params.get('q')).toBe('atelier')
    expect(parseFilters(params.get('f') ?? undefined)).toEqual(rows)
    expect(viewQuery('', [])).toBe('')
  })

  it('ignores filters it cannot read', () => {
    expect(parseFilters('not json')).toEqual([])
    expect(parseFilters('{"field":"x"}')).toEqual([])
    expect(parseFilters('[{"field":"name"},{"field":"name","op":"eq","value":"A"}]')).toEqual([
      { field: 'name', op: 'eq', value: 'A' },
    ])
  })
})

describe('mayMove', () => {
  const mine = { ...deal('m', 'a', null, null), owner: { id: 'u1' } }
  const theirs = { ...deal('t', 'a', null, null), owner: { id: 'u2' } }
  const nobody = deal('n', 'a', null, null)

  it('offers a user limited to their own deals only the deals they own', () => {
    expect([mine, theirs, nobody].map((d) => mayMove('own', 'u1', d))).toEqual([true, false, false])
  })

  it('leaves every deal to wider scopes and none to users who may not change deals', () => {
    expect([mine, theirs].map((d) => mayMove('all', 'u1', d))).toEqual([true, true])
    expect([mine, theirs].map((d) => mayMove('team', 'u1', d))).toEqual([true, true])
    expect([mine, theirs].map((d) => mayMove('none', 'u1', d))).toEqual([false, false])
    expect(mayMove(undefined, 'u1', mine)).toBe(false)
  })
})
