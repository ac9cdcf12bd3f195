/**
 * The lines of an export out of PostgreSQL's `COPY … (FORMAT csv)`: its rows end with LF where the
 * export's end with CRLF, and they start with fields the export does not write — the row's keyset values
 * in the list (`__k0`, `__k1`, …, as text), from which the next page starts. Only the keys of the page's
 * last row are kept; the others are skipped. The output is scanned as it arrives, whatever its chunks: a
 * quote opens or closes a quoted cell (a doubled quote does both), and only a LF outside quotes ends a
 * row. The row after the page's last one is not written: it only tells that there is more.
 *
 * Writing every row's keys costs PostgreSQL less than numbering the rows to write them on the last one
 * only (a window over the page, which keeps each row in a tuple store).
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
  private state: 'start' | 'keys' | 'line' | 'done' = 'start'
  private quoted = false
  /** Key fields of the current row not read yet. */
  private keysLeft = 0
  /** The bytes of the current row's key fields, when it is the page's last row. */
  private keyBytes: Buffer[] | null = null
  /** The key fields of the page's last row, each followed by the delimiter. */
  private last: Buffer | null = null

  /** `limit`: the rows of a page; `keys`: the key fields each row starts with; `delimiter`: the flavour's (one ASCII character). */
  constructor(
    private readonly limit: number,
    private readonly keys: number,
    delimiter: string,
  ) {
    this.delimiter = delimiter.charCodeAt(0)
  }

  push(chunk: Uint8Array): void {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    const n = b.length
    const delimiter = this.delimiter
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
        this.keysLeft = this.keys
        this.keyBytes = this.rows === this.limit - 1 ? [] : null
        this.state = 'keys'
        continue
      }
      if (this.state === 'keys') {
        const from = i
        let quoted = this.quoted
        let left = this.keysLeft
        while (i < n && left > 0) {
          const c = b[i++]
          if (c === QUOTE) quoted = !quoted
          else if (c === delimiter && !quoted) left--
        }
        this.quoted = quoted
        this.keysLeft = left
        if (this.keyBytes) this.keyBytes.push(Buffer.from(b.subarray(from, i)))
        if (left === 0) {
          if (this.keyBytes) this.last = Buffer.concat(this.keyBytes)
          this.keyBytes = null
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
    if (this.more && !this.last)
      throw new ComptoirError(500, 'internal', 'The copy did not give the position of its last row')
    return {
      chunks: this.sink.chunks(),
      rows: this.rows,
      cursor: this.more
        ? encodeCursor(csvFields(this.last!.toString('utf8'), this.keys, this.delimiter))
        : null,
    }
  }
}

function indexOf(b: Buffer, byte: number, from: number): number {
  const i = b.indexOf(byte, from)
  return i < 0 ? b.length : i
}

/**
 * The first `count` fields of a CSV line as COPY writes them: an empty field unquoted is NULL, a quoted
 * one is text with its doubled quotes undone (`""` is the empty text).
 */
function csvFields(text: string, count: number, delimiter: number): (string | null)[] {
  const d = String.fromCharCode(delimiter)
  const out: (string | null)[] = []
  let i = 0
  while (out.length < count) {
    if (text[i] === '"') {
      let value = ''
      let j = i + 1
      for (;;) {
        const q = text.indexOf('"', j)
        value += text.slice(j, q)
        if (text[q + 1] === '"') {
          value += '"'
          j = q + 2
        } else {
          i = q + 2 // past the closing quote and the delimiter
          break
        }
      }
      out.push(value)
    } else {
      const end = text.indexOf(d, i)
      out.push(end === i ? null : text.slice(i, end))
      i = end + 1
    }
  }
  return out
}
