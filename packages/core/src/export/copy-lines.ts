/**
 * The lines of an export out of PostgreSQL's `COPY … (FORMAT csv)`: its rows end with LF where the
 * export's end with CRLF, and they start with a field the export does not write — the row's position in
 * the list (its keyset values as JSON, on a page's last rows only), from which the next page starts.
 * The output is scanned as it arrives, whatever its chunks: a quote opens or closes a quoted cell (a
 * doubled quote does both), and only a LF outside quotes ends a row. The row after the page's last one
 * is not written: it only tells that there is more.
 * @module
 */
import { ComptoirError } from '../errors'
import { encodeCursor } from '../records/list-sql'
import { ByteChunks } from './byte-sink'
import type { ExportPage } from './export-plan'

const QUOTE = 0x22
const LF = 0x0a
const CRLF = Buffer.from('\r\n')

export class CopyLines {
  private readonly sink = new ByteChunks()
  private readonly delimiter: number
  private rows = 0
  private more = false
  private state: 'start' | 'position' | 'line' | 'done' = 'start'
  private quoted = false
  private position: Buffer[] = []
  private last: string | null = null

  /** `limit`: the rows of a page; `delimiter`: the flavour's (one ASCII character). */
  constructor(
    private readonly limit: number,
    delimiter: string,
  ) {
    this.delimiter = delimiter.charCodeAt(0)
  }

  push(chunk: Uint8Array): void {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    const n = b.length
    let i = 0
    // Where the next quote and LF are in this chunk (n: none), found once rather than at each step.
    let quote = -1
    let lf = -1
    while (i < n) {
      if (this.state === 'done') return
      if (this.state === 'start') {
        if (this.rows === this.limit) {
          this.more = true
          this.state = 'done'
          return
        }
        if (b[i] === this.delimiter) {
          i++
          this.state = 'line'
        } else {
          this.position = []
          this.state = 'position'
        }
        continue
      }
      if (this.state === 'position') {
        const from = i
        while (i < n && (this.quoted || b[i] !== this.delimiter)) {
          if (b[i] === QUOTE) this.quoted = !this.quoted
          i++
        }
        this.position.push(Buffer.from(b.subarray(from, i)))
        if (i < n) {
          i++
          this.last = unquote(Buffer.concat(this.position).toString('utf8'))
          this.state = 'line'
        }
        continue
      }
      // A line: copied up to the LF that ends it, which becomes CRLF.
      const from = i
      for (;;) {
        if (quote < i) quote = indexOf(b, QUOTE, i)
        if (this.quoted) {
          if (quote === n) {
            i = n
            break
          }
          this.quoted = false
          i = quote + 1
          continue
        }
        if (lf < i) lf = indexOf(b, LF, i)
        if (quote < lf) {
          this.quoted = true
          i = quote + 1
          continue
        }
        if (lf === n) {
          i = n
          break
        }
        this.sink.append(b, from, lf)
        this.sink.append(CRLF, 0, 2)
        this.rows++
        this.state = 'start'
        i = lf + 1
        break
      }
      if (this.state === 'line') this.sink.append(b, from, n)
    }
  }

  /** The page, once the copy is complete. */
  page(): ExportPage {
    if (this.state !== 'start' && this.state !== 'done')
      throw new ComptoirError(500, 'internal', 'The copy ended inside a row')
    const position = this.more ? this.last : null
    if (this.more && !position)
      throw new ComptoirError(500, 'internal', 'The copy did not give the position of its last row')
    return {
      chunks: this.sink.chunks(),
      rows: this.rows,
      cursor: position ? encodeCursor(JSON.parse(position)) : null,
    }
  }
}

function indexOf(b: Buffer, byte: number, from: number): number {
  const i = b.indexOf(byte, from)
  return i < 0 ? b.length : i
}

function unquote(field: string): string {
  return field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field
}
