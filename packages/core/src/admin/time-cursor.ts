/**
 * Keyset cursors over `(timestamp, id)` for newest-first logs (audit, notifications). The timestamp is
 * carried as PostgreSQL's own text form, so microseconds survive the round trip and no row is skipped.
 * @module
 */
import { isUuid } from '../entity/validate'

export function encodeTimeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url')
}

/** The cursor's `[timestamp, id]`, or null when it is not one of ours. */
export function decodeTimeCursor(raw: string): [string, string] | null {
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      typeof v[0] === 'string' &&
      !Number.isNaN(Date.parse(v[0])) &&
      isUuid(v[1])
    ) {
      return [v[0], v[1]]
    }
  } catch {}
  return null
}
