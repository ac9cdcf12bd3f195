/**
 * Date and time as a French spreadsheet shows them: wall-clock time in Europe/Paris. The API stores
 * instants in UTC; files exchanged with Excel carry `27/11/2026 14:30:00` in local time.
 * @module
 */

export const TIME_ZONE = 'Europe/Paris'

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

export interface WallTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

export function toWall(instant: Date): WallTime {
  const out: Record<string, number> = {}
  for (const p of parts.formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value)
  return {
    year: out.year,
    month: out.month,
    day: out.day,
    hour: out.hour,
    minute: out.minute,
    second: out.second,
  }
}

function offsetAt(ms: number): number {
  const w = toWall(new Date(ms))
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000
}

/** The instant a Paris wall-clock time denotes (the first one when clocks go back). */
export function fromWall(w: WallTime): Date {
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
  const first = offsetAt(guess - offsetAt(guess))
  return new Date(guess - first)
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')
const TWO = Array.from({ length: 100 }, (_, i) => pad(i))

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Since 1980 Paris changes its offset at 01:00 UTC, at most once a day. */
const RULES_SINCE = Date.UTC(1980, 0, 1)

/** A UTC day's offsets: `early` before 01:00 UTC, `late` from then on (the same on most days). */
interface DayOffsets {
  early: number
  late: number
}

const days = new Map<number, DayOffsets | null>()

/** The day's offsets, or null when its offset does not change at 01:00 UTC (then every instant is looked up). */
function dayOffsets(day: number): DayOffsets | null {
  let d = days.get(day)
  if (d === undefined) {
    if (days.size >= 10_000) days.clear()
    const start = day * DAY
    const early = offsetAt(start)
    const late = offsetAt(start + DAY - 1000)
    const switchesAtOne =
      early === late || (offsetAt(start + HOUR - 1000) === early && offsetAt(start + HOUR) === late)
    d = switchesAtOne ? { early, late } : null
    days.set(day, d)
  }
  return d
}

function paddedWall(w: WallTime): string {
  return `${pad(w.day)}/${pad(w.month)}/${pad(w.year, 4)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`
}

/**
 * `27/11/2026 14:30:00` in Paris time. The offset is looked up once per UTC day, which the rows of an
 * export share: `Intl` for every instant would cost more than the rest of the cell.
 */
export function formatWall(instant: Date): string {
  const ms = instant.getTime()
  const day = Math.floor(ms / DAY)
  const offsets = ms >= RULES_SINCE ? dayOffsets(day) : null
  if (!offsets) return paddedWall(toWall(instant))
  const d = new Date(ms + (ms - day * DAY < HOUR ? offsets.early : offsets.late))
  const year = d.getUTCFullYear()
  return `${TWO[d.getUTCDate()]}/${TWO[d.getUTCMonth() + 1]}/${year > 999 ? year : pad(year, 4)} ${TWO[d.getUTCHours()]}:${TWO[d.getUTCMinutes()]}:${TWO[d.getUTCSeconds()]}`
}
