/**
 * Login throttling in the global `core_login_attempt` table (system path, before any tenant is known):
 * after 5 failures within 15 minutes, an account or an address is refused for 15 minutes with 429 and
 * `Retry-After`. Keys are derived from what the client sent, so a locked unknown e-mail answers exactly
 * like a locked real one.
 * @module
 */
import type { Queryable } from '../db/database'
import { TooManyRequestsError } from '../errors'
import type { Core } from '../server/core'

export const MAX_FAILURES = 5
const WINDOW_MS = 15 * 60_000
const LOCK_MS = 15 * 60_000
const FORGET_MS = 24 * 3_600_000

export function accountKey(email: string): string {
  return `account:${email.trim().toLowerCase()}`
}

export function addressKey(ip: string): string {
  return `ip:${ip}`
}

/** The account key, and the address key when the client's address is known. */
export function loginKeys(email: string, ip?: string): string[] {
  return ip ? [accountKey(email), addressKey(ip)] : [accountKey(email)]
}

/** 429 with the longest remaining lock among `keys`. */
export async function assertNotThrottled(core: Core, keys: string[]): Promise<void> {
  const now = core.now()
  const rows = await core.db.system((tx) =>
    tx.query<{ locked_until: string }>(
      'SELECT locked_until FROM core_login_attempt WHERE key = ANY($1::text[]) AND locked_until > $2',
      [keys, now.toISOString()],
    ),
  )
  if (!rows.length) return
  const until = Math.max(...rows.map((r) => new Date(r.locked_until).getTime()))
  throw new TooManyRequestsError(
    Math.max(1, Math.ceil((until - now.getTime()) / 1000)),
    'Too many failed attempts',
  )
}

async function bump(tx: Queryable, key: string, now: Date): Promise<number> {
  const [r] = await tx.query<{ failures: number }>(
    `INSERT INTO core_login_attempt (key, failures, window_start) VALUES ($1, 1, $2)
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN core_login_attempt.window_start < $3 THEN 1 ELSE core_login_attempt.failures + 1 END,
       window_start = CASE WHEN core_login_attempt.window_start < $3 THEN $2 ELSE core_login_attempt.window_start END
     RETURNING failures`,
    [key, now.toISOString(), new Date(now.getTime() - WINDOW_MS).toISOString()],
  )
  return r.failures
}

/** Counts one failure for each key; returns true when this failure locked one of them. */
export async function recordFailure(core: Core, keys: string[]): Promise<boolean> {
  const now = core.now()
  return core.db.system(async (tx) => {
    let locked = false
    for (const key of keys) {
      if ((await bump(tx, key, now)) < MAX_FAILURES) continue
      locked = true
      await tx.query('UPDATE core_login_attempt SET locked_until = $2 WHERE key = $1', [
        key,
        new Date(now.getTime() + LOCK_MS).toISOString(),
      ])
    }
    // Forget old counters a few at a time, so the table stays small without a separate job.
    await tx.query(
      `DELETE FROM core_login_attempt WHERE key IN (
         SELECT key FROM core_login_attempt WHERE window_start < $1 AND (locked_until IS NULL OR locked_until < $2) LIMIT 100)`,
      [new Date(now.getTime() - FORGET_MS).toISOString(), now.toISOString()],
    )
    return locked
  })
}

/** Counts one use of `key` within the window and returns the count (for quotas such as reset e-mails). */
export async function countUse(core: Core, key: string): Promise<number> {
  const now = core.now()
  return core.db.system((tx) => bump(tx, key, now))
}

/** A successful login clears the account's counter (never the address's: one good password must not reset it). */
export async function clearFailures(core: Core, key: string): Promise<void> {
  await core.db.system((tx) => tx.query('DELETE FROM core_login_attempt WHERE key = $1', [key]))
}
