/**
 * The clock of a test core: what `core.now()` answers. It follows real time until a test sets it, then
 * stays still except when advanced. Only time read in JavaScript follows it; SQL `now()` in the database
 * does not (see docs/plugins/testing.md, "Clock").
 * @module
 */

export interface TestClock {
  /** The current time as core sees it. */
  now(): Date
  /** Stops the clock at `at` (a Date or an ISO string). */
  set(at: Date | string): void
  /** Moves the clock forward by `ms` milliseconds (backward if negative). */
  advance(ms: number): void
}

export function createTestClock(base: () => Date = () => new Date()): TestClock {
  let pinned: number | undefined
  let offset = 0
  return {
    now: () => new Date(pinned ?? base().getTime() + offset),
    set(at) {
      const ms = new Date(at).getTime()
      if (Number.isNaN(ms)) throw new Error(`Not a date: ${String(at)}`)
      pinned = ms
    },
    advance(ms) {
      if (!Number.isFinite(ms)) throw new Error(`Not a number of milliseconds: ${ms}`)
      if (pinned !== undefined) pinned += ms
      else offset += ms
    },
  }
}
