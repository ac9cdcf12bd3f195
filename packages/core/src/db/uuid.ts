import { randomFillSync } from 'node:crypto'

/**
 * Random bytes drawn from the system's generator 4 KB at a time, as `crypto.randomUUID` does: a call per
 * identifier cost several microseconds, which a bulk import paid twice per row (record and history).
 */
const POOL = Buffer.alloc(4096)
let offset = POOL.length

/** UUID v7 (time-ordered), generated in the application: PostgreSQL 15 has no `uuidv7()`. */
export function uuidv7(now = Date.now()): string {
  if (offset + 16 > POOL.length) {
    randomFillSync(POOL)
    offset = 0
  }
  const b = POOL.subarray(offset, offset + 16)
  offset += 16
  // 48 bits of milliseconds, written without BigInt (exact: `now` is below 2^53).
  const high = Math.floor(now / 2 ** 16)
  b.writeUInt32BE(high >>> 0, 0)
  b.writeUInt16BE(now % 2 ** 16, 4)
  b[6] = (b[6] & 0x0f) | 0x70
  b[8] = (b[8] & 0x3f) | 0x80
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
