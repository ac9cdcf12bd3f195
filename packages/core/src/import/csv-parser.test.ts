import { describe, expect, it } from 'vitest'
import { type CsvRecord, CsvParser, CsvSyntaxError, isBlank } from './csv-parser'

function parse(pieces: string[], delimiter = ','): CsvRecord[] {
  const p = new CsvParser(delimiter)
  const out: CsvRecord[] = []
  for (const piece of pieces) p.push(piece, out)
  p.end(out)
  return out
}

describe('CsvParser', () => {
  it('reads RFC 4180: quotes, doubled quotes, delimiters and line breaks inside quotes', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\nlast,,\r\n'
    expect(parse([text])).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['x, y', 'say "hi"', 'two\r\nlines'] },
      { line: 3, cells: ['last', '', ''] },
    ])
  })

  it('gives the same records whatever way the text is cut', () => {
    const text = 'nom;ville\n"Dupont; fils";"Saint-\nÉtienne"\r\nMartin;Lyon'
    const whole = parse([text], ';')
    for (let cut = 1; cut < text.length; cut++)
      expect(parse([text.slice(0, cut), text.slice(cut)], ';')).toEqual(whole)
    expect(parse(text.split(''), ';')).toEqual(whole)
  })

  it('counts rows as a spreadsheet does: a record on several lines is one row, a blank line is a row', () => {
    const records = parse(['h\n"a\nb"\n\nc\n'])
    expect(records.map((r) => [r.line, r.cells])).toEqual([
      [1, ['h']],
      [2, ['a\nb']],
      [3, ['']],
      [4, ['c']],
    ])
    expect(isBlank(records[2].cells)).toBe(true)
    expect(isBlank([';', ''])).toBe(false)
  })

  it('keeps a stray quote inside an unquoted field, and accepts old Mac line ends', () => {
    expect(parse(['5" disk,x\rnext,y'])).toEqual([
      { line: 1, cells: ['5" disk', 'x'] },
      { line: 2, cells: ['next', 'y'] },
    ])
  })

  it('reports a quoted field that never ends, with the row it starts on', () => {
    expect(() => parse(['a\nb\n"open,\nstill open'])).toThrow(CsvSyntaxError)
    try {
      parse(['a\nb\n"open,\nstill open'])
    } catch (e) {
      expect((e as CsvSyntaxError).line).toBe(3)
    }
  })
})
