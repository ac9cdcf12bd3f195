/**
 * A streaming CSV parser: RFC 4180 (quotes, doubled quotes, line breaks inside quotes) with any one-character
 * delimiter, fed text piece by piece so memory stays constant whatever the file size. Each record carries
 * the row number a spreadsheet shows for it (the header is row 1; a blank line is a row too).
 * @module
 */

export interface CsvRecord {
  line: number
  cells: string[]
}

/** A file that cannot be read as CSV; `line` is the row where the problem starts. */
export class CsvSyntaxError extends Error {
  readonly line: number
  constructor(line: number) {
    super(`Unterminated quoted field starting on row ${line}`)
    this.name = 'CsvSyntaxError'
    this.line = line
  }
}

const QUOTE = 34
const CR = 13
const LF = 10

enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

export class CsvParser {
  private readonly delim: number
  private state = State.FieldStart
  private field = ''
  private cells: string[] = []
  private line = 1
  private skipLf = false

  constructor(delimiter: string) {
    this.delim = delimiter.charCodeAt(0)
  }

  /** Parses `text` and appends every record it completes to `out`. */
  push(text: string, out: CsvRecord[]): void {
    const n = text.length
    const d = this.delim
    let i = 0
    if (this.skipLf && n > 0) {
      this.skipLf = false
      if (text.charCodeAt(0) === LF) i = 1
    }
    while (i < n) {
      const c = text.charCodeAt(i)
      switch (this.state) {
        case State.FieldStart:
          if (c === QUOTE) {
            this.state = State.Quoted
            i++
          } else if (c === d) {
            this.cells.push('')
            i++
          } else if (c === CR || c === LF) {
            i = this.endRecord(text, i, out)
          } else this.state = State.Unquoted
          break
        case State.Unquoted: {
          let j = i
          while (j < n) {
            const x = text.charCodeAt(j)
            if (x === d || x === CR || x === LF) break
            j++
          }
          this.field += text.slice(i, j)
          i = j
          if (j < n) {
            if (text.charCodeAt(j) === d) {
              this.endField()
              i++
            } else i = this.endRecord(text, j, out)
          }
          break
        }
        case State.Quoted: {
          const q = text.indexOf('"', i)
          if (q < 0) {
            this.field += text.slice(i)
            i = n
          } else {
            this.field += text.slice(i, q)
            this.state = State.QuoteInQuoted
            i = q + 1
          }
          break
        }
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            this.field += '"'
            this.state = State.Quoted
            i++
          } else if (c === d) {
            this.endField()
            i++
          } else if (c === CR || c === LF) {
            i = this.endRecord(text, i, out)
          } else this.state = State.Unquoted
          break
      }
    }
  }

  /** Flushes the last record; throws `CsvSyntaxError` when a quoted field never ends. */
  end(out: CsvRecord[]): void {
    if (this.state === State.Quoted) throw new CsvSyntaxError(this.line)
    if (this.state !== State.FieldStart || this.cells.length > 0) {
      this.cells.push(this.field)
      this.emit(out)
    }
  }

  private endField(): void {
    this.cells.push(this.field)
    this.field = ''
    this.state = State.FieldStart
  }

  /** Ends the record at the line break at `i`; returns the index after the break. */
  private endRecord(text: string, i: number, out: CsvRecord[]): number {
    this.cells.push(this.field)
    this.emit(out)
    if (text.charCodeAt(i) === CR) {
      if (i + 1 < text.length) return text.charCodeAt(i + 1) === LF ? i + 2 : i + 1
      this.skipLf = true
    }
    return i + 1
  }

  private emit(out: CsvRecord[]): void {
    out.push({ line: this.line, cells: this.cells })
    this.line++
    this.cells = []
    this.field = ''
    this.state = State.FieldStart
  }
}

/** A record with no content: a blank line, or only empty cells (`;;;`), which spreadsheets often leave. */
export function isBlank(cells: string[]): boolean {
  for (const c of cells) if (c !== '') return false
  return true
}
