/**
 * Spreadsheet cells → API values: `1 234,56 €` → `"1234.56"`, `27/11/2026` → `"2026-11-27"`, `Oui` → `true`,
 * and back the apostrophe that export puts before cells a spreadsheet would run as formulas. What comes
 * out is then validated by the records engine exactly as an API body would be.
 * @module
 */
import type { DateOrder, Decimal } from './sniff'
import { fromWall } from './wall-clock'

export interface CellFormat {
  decimal: Decimal
  /** `ymd` accepts ISO dates only. */
  dateOrder: DateOrder | 'ymd'
}

export type CellResult =
  | { value: unknown; error?: undefined }
  | { error: string; params?: Record<string, unknown> }

const FORMULA = /^'[=+\-@\t\r']/

/** Removes the apostrophe export adds before `=`, `+`, `-`, `@` (and before a leading apostrophe). */
export function unescapeCell(s: string): string {
  return FORMULA.test(s) ? s.slice(1) : s
}

/** Lower case, no accents, no punctuation: how headers, labels and option names are compared. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
}

/** A number in the file's notation → the API's decimal string, or null when it is not a number. */
export function parseNumber(raw: string, decimal: Decimal): string | null {
  let s = raw.replace(/[\s\u00a0\u202f]/g, '').replace(/^€|€$|%$/g, '')
  if (decimal === ',') {
    if (s.includes(',')) s = s.replace(/\./g, '').replace(',', '.')
    else if (/^-?\d{1,3}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, '')
  } else if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '')
  return /^-?\d+(\.\d+)?$/.test(s) ? s : null
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/
const LOCAL = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/
const pad = (n: string | number) => String(n).padStart(2, '0')

function validDay(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d))
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d
}

interface Parsed {
  y: number
  m: number
  d: number
  time?: { h: number; mi: number; s: number }
}

function parseLocal(s: string, order: DateOrder | 'ymd'): Parsed | null {
  const iso = ISO.exec(s)
  if (iso) {
    const p: Parsed = { y: Number(iso[1]), m: Number(iso[2]), d: Number(iso[3]) }
    if (iso[4] !== undefined) p.time = { h: Number(iso[4]), mi: Number(iso[5]), s: Number(iso[6] ?? 0) }
    return p
  }
  const m = LOCAL.exec(s)
  if (!m || order === 'ymd') return null
  const [a, b] = [Number(m[1]), Number(m[2])]
  const p: Parsed = { y: Number(m[3]), m: order === 'dmy' ? b : a, d: order === 'dmy' ? a : b }
  if (m[4] !== undefined) p.time = { h: Number(m[4]), mi: Number(m[5]), s: Number(m[6] ?? 0) }
  return p
}

/** A date cell → `YYYY-MM-DD`; a time part, as Excel sometimes adds, is ignored. */
export function parseDate(raw: string, order: DateOrder | 'ymd'): string | null {
  const p = parseLocal(raw.trim(), order)
  if (!p || !validDay(p.y, p.m, p.d)) return null
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`
}

/** A date-time cell: ISO 8601 with a zone as is; without one (`27/11/2026 14:30`) it is Paris time. */
export function parseDateTime(raw: string, order: DateOrder | 'ymd'): string | null {
  const s = raw.trim()
  if (ZONED.test(s)) {
    const d = new Date(s)
    return Number.isNaN(d.getTime()) ? null : d.toISOString()
  }
  const p = parseLocal(s, order)
  return p ? wallIso(p) : null
}

function wallIso(p: Parsed): string | null {
  const t = p.time ?? { h: 0, mi: 0, s: 0 }
  if (!validDay(p.y, p.m, p.d) || t.h > 23 || t.mi > 59 || t.s > 59) return null
  return fromWall({ year: p.y, month: p.m, day: p.d, hour: t.h, minute: t.mi, second: t.s }).toISOString()
}

const TRUE = new Set(['true', 'oui', 'yes', 'vrai', '1', 'x', 'o', 'y'])
const FALSE = new Set(['false', 'non', 'no', 'faux', '0', 'n'])

export function parseBoolean(raw: string): boolean | null {
  const s = fold(raw)
  if (TRUE.has(s)) return true
  if (FALSE.has(s)) return false
  return null
}
