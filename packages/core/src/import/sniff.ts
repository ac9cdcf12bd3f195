/**
 * Guessing how a CSV file was written, from its first bytes and rows: the encoding (BOM, valid UTF-8, or
 * else Windows-1252 as Excel writes in France), the delimiter, the order of day and month in dates and
 * the decimal separator. Every guess can be overridden by the caller.
 * @module
 */

export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be'
export type DateOrder = 'dmy' | 'mdy'
export type Decimal = ',' | '.'

export const DELIMITERS = [';', ',', '\t', '|'] as const

/** The encoding a byte-order mark announces, if any. */
export function bomEncoding(bytes: Uint8Array): Encoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  return null
}

/** Checks, chunk after chunk, that a byte stream is valid UTF-8. */
export class Utf8Check {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true })
  valid = true
  push(bytes: Uint8Array): void {
    if (!this.valid) return
    try {
      this.decoder.decode(bytes, { stream: true })
    } catch {
      this.valid = false
    }
  }
  end(): boolean {
    this.push(new Uint8Array(0))
    if (this.valid) {
      try {
        this.decoder.decode()
      } catch {
        this.valid = false
      }
    }
    return this.valid
  }
}

export function chooseEncoding(bom: Encoding | null, utf8Valid: boolean): Encoding {
  return bom ?? (utf8Valid ? 'utf-8' : 'windows-1252')
}

/** The delimiter appearing most often, outside quotes, on the first line of `text`. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]))
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) break
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1)
  }
  let best = ','
  let max = 0
  for (const [d, n] of counts) {
    if (n > max) {
      best = d
      max = n
    }
  }
  return best
}

const DATE_PARTS = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b/

/** `dmy` unless some value can only be month-first (`12/31/2024`); `dmy` too when nothing tells. */
export function detectDateOrder(values: Iterable<string>): DateOrder {
  let dayFirst = false
  let monthFirst = false
  for (const v of values) {
    const m = DATE_PARTS.exec(v)
    if (!m) continue
    if (Number(m[1]) > 12) dayFirst = true
    if (Number(m[2]) > 12) monthFirst = true
  }
  return monthFirst && !dayFirst ? 'mdy' : 'dmy'
}

/** The decimal separator numbers use: a `;` file writes `1234,5`; otherwise what the values show. */
export function detectDecimal(values: Iterable<string>, delimiter: string): Decimal {
  let comma = 0
  let dot = 0
  for (const v of values) {
    const s = v.replace(/[\s\u00a0\u202f€%]/g, '')
    if (/^-?\d+,\d+$/.test(s) && !/^-?\d{1,3},\d{3}$/.test(s)) comma++
    else if (/^-?\d+\.\d+$/.test(s) && !/^-?\d{1,3}\.\d{3}$/.test(s)) dot++
  }
  if (comma !== dot) return comma > dot ? ',' : '.'
  return delimiter === ',' ? '.' : ','
}
