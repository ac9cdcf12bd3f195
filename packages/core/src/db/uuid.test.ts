import { describe, expect, it } from 'vitest'
import { uuidv7 } from './uuid'

describe('uuidv7', () => {
  it('carries the time, version 7 and the RFC 9562 variant', () => {
    const now = Date.UTC(2026, 10, 28, 12, 34, 56, 789)
    const id = uuidv7(now)
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(now)
  })

  it('sorts by time and never repeats, across many refills of its random pool', () => {
    const ids = Array.from({ length: 5_000 }, (_, i) => uuidv7(1_700_000_000_000 + i))
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual(ids)
    const sameMs = Array.from({ length: 1_000 }, () => uuidv7(1_700_000_000_000))
    expect(new Set(sameMs).size).toBe(sameMs.length)
  })
})
