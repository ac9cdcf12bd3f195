import { describe, expect, it } from 'vitest'
import { inlineParams, literal } from './sql-literal'

describe('sql literals', () => {
  it('writes values as literals that can only be data', () => {
    expect(literal("l'été")).toBe("'l''été'")
    expect(literal("a\\'; DROP TABLE x; --")).toBe("E'a\\\\''; DROP TABLE x; --'")
    expect(literal(42)).toBe("'42'")
    expect(literal(true)).toBe('true')
    expect(literal(null)).toBe('NULL')
    expect(literal(['a"b', 'c\\d', null, 3])).toBe(`E'{"a\\\\"b","c\\\\\\\\d",NULL,3}'`)
    expect(() => literal('a\0b')).toThrow()
    expect(() => literal(Number.NaN)).toThrow()
    expect(() => literal({ a: 1 })).toThrow()
    expect(() => literal([['nested']])).toThrow()
  })

  it('replaces placeholders outside quotes only', () => {
    expect(inlineParams(`SELECT $1, '$2', "$3", $2::uuid[], $10`, [1, 2, 3, 4, 5, 6, 7, 8, 9, 'x'])).toBe(
      `SELECT '1', '$2', "$3", '2'::uuid[], 'x'`,
    )
    expect(inlineParams(`a = 'it''s $1' AND b = $1`, ["o'k"])).toBe(`a = 'it''s $1' AND b = 'o''k'`)
    expect(() => inlineParams('x = $2', [1])).toThrow()
    expect(() => inlineParams(`x = E'\\'' AND y = $1`, [1])).toThrow()
  })
})
