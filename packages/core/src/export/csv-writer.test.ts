import { describe, expect, it } from 'vitest'
import { unescapeCell } from '../import/cell-values'
import { csvLine, protect } from './csv-writer'

describe('csv writer', () => {
  it('quotes what needs quoting and ends lines with CRLF', () => {
    expect(csvLine(['a', 'b;c', 'say "hi"', 'two\nlines', ''], ';')).toBe(
      'a;"b;c";"say ""hi""";"two\nlines";\r\n',
    )
    expect(csvLine(['b;c'], ',')).toBe('b;c\r\n')
  })

  it('defuses formulas, reversibly', () => {
    for (const v of [
      '=HYPERLINK("http://x")',
      '+33 1 23',
      '-2+3',
      '@SUM(A1)',
      '\tx',
      "'=x",
      'plain',
      "'Tis",
    ]) {
      expect(unescapeCell(protect(v))).toBe(v)
    }
    expect(protect('=1+1')).toBe("'=1+1")
    expect(protect('plain')).toBe('plain')
  })
})
