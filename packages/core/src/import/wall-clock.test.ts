import { describe, expect, it } from 'vitest'
import { formatWall, TIME_ZONE } from './wall-clock'

const reference = new Intl.DateTimeFormat('fr-FR', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

describe('Paris wall-clock time', () => {
  it('shows an instant as Intl does, on both sides of every clock change', () => {
    const instants: number[] = []
    // Around 01:00 UTC on the last Sundays of March and October, when Paris changes its clocks.
    for (const [y, m, d] of [
      [2026, 2, 29],
      [2026, 9, 25],
      [1996, 9, 27],
      [1981, 2, 29],
    ])
      for (let minute = -90; minute <= 90; minute += 7) instants.push(Date.UTC(y, m, d, 1, minute, 13, 999))
    instants.push(Date.UTC(1979, 5, 1, 12), Date.UTC(1975, 0, 1), Date.UTC(2040, 11, 31, 23, 59, 59))
    for (const ms of instants) expect(formatWall(new Date(ms))).toBe(reference.format(ms).replace(',', ''))
  })
})
