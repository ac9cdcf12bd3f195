/**
 * The file a user would import: the generated contacts as RFC 4180 CSV, UTF-8, with the fields' names as
 * headers (the import recognises names as well as labels), account references by id.
 * @module
 */
import type { GeneratedRecord } from './generate'

const IMPORT_COLUMNS = [
  'salutation',
  'firstName',
  'lastName',
  'email',
  'account.id',
  'title',
  'department',
  'officePhone',
  'mobile',
  'leadSource',
  'lawfulBasis',
  'mailingAddress.street',
  'mailingAddress.postalCode',
  'mailingAddress.city',
  'mailingAddress.country',
] as const

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

function cellOf(rec: GeneratedRecord, key: string): unknown {
  const [field, part] = key.split('.')
  const v = rec.data[field]
  if (part === 'id') return v
  return part ? (v as Record<string, unknown> | null)?.[part] : v
}

export function importFile(records: GeneratedRecord[]): Buffer {
  const lines = [IMPORT_COLUMNS.join(',')]
  for (const r of records) lines.push(IMPORT_COLUMNS.map((k) => csvCell(cellOf(r, k))).join(','))
  return Buffer.from(`${lines.join('\r\n')}\r\n`)
}
