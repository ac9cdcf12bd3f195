/**
 * What identifies a row: the value of the matching key (update and upsert) and of every unique field or
 * import key (a contact's e-mail, an account's SIRET) the file fills, normalised as the records engine stores them (`732 829 320` → `732829320`, e-mails in lower
 * case). Two rows of the file with the same identity are duplicates; the later one is reported, not
 * written. Only a 53-bit hash and a row number are kept per value, so a million rows cost a few tens of
 * megabytes, and the index is rebuilt from the file when an interrupted import resumes.
 * @module
 */
import { isUuid, normalizeValue } from '../entity/validate'
import { type CellFormat, parseNumber, unescapeCell } from './cell-values'
import type { PlannedColumn } from './row-builder'

export interface Identity {
  field: string
  header: string
  value: string
}

export type KeyValue = { value: string | null } | { error: string }

/** cyrb53: a fast 53-bit string hash (public domain, bryc). */
function hash53(s: string): number {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

export class DuplicateIndex {
  private readonly seen = new Map<number, number>()

  /** The row that already had this identity, or undefined (and the identity is now taken by `line`). */
  claim(id: Identity, line: number): number | undefined {
    const h = hash53(`${id.field}\u0000${id.value}`)
    const prev = this.seen.get(h)
    if (prev === undefined) this.seen.set(h, line)
    return prev
  }
}

export class RowIdentity {
  private readonly keyColumn?: PlannedColumn
  private readonly unique: PlannedColumn[]

  constructor(
    columns: PlannedColumn[],
    private readonly key: string | null,
    private readonly format: CellFormat,
    importKeys: readonly string[] = [],
  ) {
    this.keyColumn = key ? columns.find((c) => c.column.key === key) : undefined
    this.unique = columns.filter(
      (c) =>
        c.column.kind === 'value' &&
        c.column.field!.origin === 'entity' &&
        (c.column.field!.def.unique || importKeys.includes(c.column.key)) &&
        c.column.key !== key,
    )
  }

  private normalize(col: PlannedColumn, raw: string): KeyValue {
    const s = unescapeCell(raw).trim()
    if (s === '') return { value: null }
    if (col.column.kind === 'id')
      return isUuid(s) ? { value: s.toLowerCase() } : { error: 'invalid_reference' }
    const def = col.column.field!.def
    const numeric =
      def.type === 'integer' || def.type === 'decimal' || def.type === 'money' || def.type === 'percent'
    const cell = numeric ? parseNumber(s, this.format.decimal) : s
    if (cell === null) return { error: 'import_invalid_number' }
    const r = normalizeValue({ ...def, required: false }, cell)
    if (r.error) return { error: r.error }
    return { value: r.value === null ? null : String(r.value) }
  }

  /** The normalised matching key of a row (null when its cell is empty). */
  matchKey(cells: string[]): KeyValue {
    return this.keyColumn
      ? this.normalize(this.keyColumn, cells[this.keyColumn.index] ?? '')
      : { value: null }
  }

  /** Every non-empty identity of the row. */
  identities(cells: string[]): Identity[] {
    const out: Identity[] = []
    const cols = this.keyColumn ? [this.keyColumn, ...this.unique] : this.unique
    for (const c of cols) {
      const r = this.normalize(c, cells[c.index] ?? '')
      if ('value' in r && r.value !== null)
        out.push({ field: c.column.key, header: c.header, value: r.value })
    }
    return out
  }
}
