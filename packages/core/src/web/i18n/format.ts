/**
 * Numbers, money, dates and counts through `Intl`, in the user's locale: `1 234,56 €`, `27/11/2026`.
 * Money arrives as a decimal string and is formatted from the string, never through a float sum.
 * @module
 */
import type { Locale } from '../../plugin/define-plugin'

export interface Formatter {
  locale: Locale
  number(value: number | string | null | undefined, fractionDigits?: number): string
  money(value: string | number | null | undefined): string
  percent(value: string | number | null | undefined): string
  date(value: string | null | undefined): string
  dateTime(value: string | null | undefined): string
  /** `1 234 résultats`, or `10 000+` when the server capped the count. */
  count(total: number, capped?: boolean): string
  /** A file size: `820 o`, `1,5 Mo` in French; `820 B`, `1.5 MB` in English. */
  bytes(size: number | null | undefined): string
}

const BYTE_UNITS: Record<Locale, string[]> = { fr: ['o', 'ko', 'Mo', 'Go'], en: ['B', 'kB', 'MB', 'GB'] }

const TAGS: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' }

export function createFormatter(locale: Locale, currency = 'EUR'): Formatter {
  const tag = TAGS[locale] ?? 'fr-FR'
  const int = new Intl.NumberFormat(tag)
  const moneyFmt = new Intl.NumberFormat(tag, { style: 'currency', currency })
  const dateFmt = new Intl.DateTimeFormat(tag, {
    timeZone: 'UTC',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  })
  const dateTimeFmt = new Intl.DateTimeFormat(tag, { dateStyle: 'short', timeStyle: 'short' })
  const blank = (v: unknown) => v === null || v === undefined || v === ''
  // Intl.NumberFormat formats decimal strings exactly (no float rounding).
  const num = (f: Intl.NumberFormat, v: string | number) => f.format(v as unknown as number)
  return {
    locale,
    number: (v, digits) =>
      blank(v)
        ? ''
        : num(digits === undefined ? int : new Intl.NumberFormat(tag, { maximumFractionDigits: digits }), v!),
    money: (v) => (blank(v) ? '' : num(moneyFmt, v!)),
    percent: (v) => (blank(v) ? '' : `${num(int, v!)}${locale === 'fr' ? '\u202f' : ''}%`),
    date: (v) => {
      if (!v) return ''
      const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v)
      return Number.isNaN(d.getTime()) ? v : dateFmt.format(d)
    },
    dateTime: (v) => {
      if (!v) return ''
      const d = new Date(v)
      return Number.isNaN(d.getTime()) ? v : dateTimeFmt.format(d)
    },
    count: (total, capped) => `${int.format(total)}${capped ? '+' : ''}`,
    bytes: (size) => {
      if (size === null || size === undefined || !Number.isFinite(size)) return ''
      const units = BYTE_UNITS[locale] ?? BYTE_UNITS.fr
      let v = size
      let u = 0
      while (v >= 1024 && u < units.length - 1) {
        v /= 1024
        u++
      }
      const f = new Intl.NumberFormat(tag, { maximumFractionDigits: u === 0 || v >= 10 ? 0 : 1 })
      return `${f.format(v)}\u00a0${units[u]}`
    },
  }
}

/** Adds decimal strings exactly, in integer units of 10^-scale. */
export function sumDecimals(values: readonly unknown[], scale = 2): string {
  const factor = 10n ** BigInt(scale)
  let total = 0n
  for (const v of values) {
    if (v === null || v === undefined || v === '') continue
    const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(String(v).trim())
    if (!m) continue
    const frac = (m[3] ?? '').padEnd(scale, '0').slice(0, scale)
    const units = BigInt(m[2]) * factor + BigInt(frac || '0')
    total += m[1] ? -units : units
  }
  const neg = total < 0n
  const abs = neg ? -total : total
  const whole = abs / factor
  const frac = (abs % factor).toString().padStart(scale, '0')
  return `${neg ? '-' : ''}${whole}${scale ? `.${frac}` : ''}`
}
