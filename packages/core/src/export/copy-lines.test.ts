import { describe, expect, it } from 'vitest'
import { encodeCursor } from '../records/list-sql'
import { CopyLines } from './copy-lines'

/** Rows as COPY writes them: two key fields (a NULL, an empty text, quotes and delimiters), then the cells. */
const COPY = [
  'Adam;id0;a;"b;c"\n',
  ';"";"two\nlines";"say ""hi"""\n',
  '"x;""y""";id1;last;row\n',
  'z;id2;extra;row\n',
].join('')

function run(chunks: string[], limit: number) {
  const lines = new CopyLines(limit, 2, ';')
  for (const c of chunks) lines.push(Buffer.from(c))
  const page = lines.page()
  return { text: Buffer.concat(page.chunks).toString(), rows: page.rows, cursor: page.cursor }
}

describe('COPY output as export lines', () => {
  it('drops the key fields and the row after the page, ends lines with CRLF, whatever the chunks', () => {
    const expected = {
      text: 'a;"b;c"\r\n"two\nlines";"say ""hi"""\r\nlast;row\r\n',
      rows: 3,
      cursor: encodeCursor(['x;"y"', 'id1']),
    }
    expect(run([COPY], 3)).toEqual(expected)
    const bytes = [...COPY]
    expect(run(bytes, 3)).toEqual(expected)
    for (let cut = 1; cut < COPY.length; cut += 3)
      expect(run([COPY.slice(0, cut), COPY.slice(cut)], 3)).toEqual(expected)
  })

  it('tells NULL keys from empty ones in the cursor', () => {
    expect(run([COPY], 2)).toMatchObject({ rows: 2, cursor: encodeCursor([null, '']) })
  })

  it('gives no cursor after the last page', () => {
    expect(run([COPY], 4)).toMatchObject({ rows: 4, cursor: null })
    expect(run([], 5)).toEqual({ text: '', rows: 0, cursor: null })
  })
})
