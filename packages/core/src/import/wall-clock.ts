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

/** `27/11/2026 14:30:00` in Paris time. */
export function formatWall(instant: Date): string {
  const w = toWall(instant)
  return `${pad(w.day)}/${pad(w.month)}/${pad(w.year, 4)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`
}
