/**
 * Interleaved measurement: the application and its floors take turns in short windows, round after
 * round, in a rotating order, so that whatever else the machine does at a moment weighs on both sides
 * of each ratio alike. Each target is warmed up once before the first round.
 * @module
 */
import { type Round, type Summary, summarize } from './stats'

export interface Target {
  name: string
  /** One measured window of about `seconds`. */
  window(seconds: number): Promise<Round>
}

export interface Schedule {
  rounds: number
  seconds: number
  warmupSeconds: number
}

/** Thrown when a target answers only errors: a ratio against nothing would mean nothing. */
export class TargetFailedError extends Error {
  constructor(name: string, detail: string) {
    super(`${name}: ${detail}`)
    this.name = 'TargetFailedError'
  }
}

export async function interleave(targets: Target[], s: Schedule): Promise<Record<string, Summary>> {
  for (const t of targets) await t.window(s.warmupSeconds)
  const rounds = new Map<string, Round[]>(targets.map((t) => [t.name, []]))
  for (let r = 0; r < s.rounds; r++) {
    for (let k = 0; k < targets.length; k++) {
      const t = targets[(r + k) % targets.length]
      rounds.get(t.name)!.push(await t.window(s.seconds))
    }
  }
  const out: Record<string, Summary> = {}
  for (const t of targets) out[t.name] = summarize(rounds.get(t.name)!)
  return out
}
