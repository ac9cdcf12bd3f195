import { randomBytes } from 'node:crypto'

/** UUID v7 (time-ordered), generated in the application: PostgreSQL 15 has no `uuidv7()`. */
export function uuidv7(now = Date.now()): string {
  const b = randomBytes(16)
  const ms = BigInt(now)
  b[0] = Number((ms >> 40n) & 0xffn)
  b[1] = Number((ms >> 32n) & 0xffn)
  b[2] = Number((ms >> 24n) & 0xffn)
  b[3] = Number((ms >> 16n) & 0xffn)
  b[4] = Number((ms >> 8n) & 0xffn)
  b[5] = Number(ms & 0xffn)
  b[6] = (b[6] & 0x0f) | 0x70
  b[8] = (b[8] & 0x3f) | 0x80
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
