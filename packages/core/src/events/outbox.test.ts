import { describe, expect, it } from 'vitest'
import type { Database, Queryable } from '../db/database'
import { createOutboxDispatcher } from './outbox'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** An outbox table in memory, behind the statements the dispatcher sends (read the due events, mark a batch delivered), each taking a millisecond. */
function memoryOutbox() {
  const rows: {
    tenant_id: string
    id: number
    event: string
    payload: unknown
    attempts: number
    delivered: boolean
  }[] = []
  let selects = 0
  const tx: Queryable = {
    async query<T>(text: string, params: readonly unknown[] = []): Promise<T[]> {
      await sleep(1)
      if (text.trimStart().startsWith('SELECT')) {
        selects++
        return rows.filter((r) => !r.delivered) as T[]
      }
      // The batch marked delivered: ids in the second parameter.
      const ids = params[1] as number[]
      for (const r of rows) if (ids.includes(r.id)) r.delivered = true
      return []
    },
    savepoint: (fn) => fn(),
  }
  const db = { system: (fn: (tx: Queryable) => Promise<unknown>) => fn(tx) } as unknown as Database
  return {
    db,
    add: () =>
      rows.push({
        tenant_id: 't',
        id: rows.length + 1,
        event: 'e',
        payload: {},
        attempts: 0,
        delivered: false,
      }),
    pending: () => rows.filter((r) => !r.delivered).length,
    selects: () => selects,
  }
}

describe('outbox dispatcher', () => {
  it('keeps one polling loop however many commits wake it', async () => {
    const outbox = memoryOutbox()
    const dispatcher = createOutboxDispatcher({
      db: outbox.db,
      deliver: async () => void (await sleep(2)),
      intervalMs: 50,
    })
    dispatcher.start()
    // Commits arriving faster than events are delivered: each one pokes while a pass is running.
    for (let i = 0; i < 200; i++) {
      outbox.add()
      dispatcher.poke()
      await sleep(1)
    }
    await sleep(600)
    expect(outbox.pending()).toBe(0)
    // Idle now: one loop polls every 50 ms, not one per poke.
    const before = outbox.selects()
    await sleep(500)
    expect(outbox.selects() - before).toBeLessThanOrEqual(12)
    await dispatcher.stop()
    const stopped = outbox.selects()
    await sleep(200)
    expect(outbox.selects()).toBe(stopped)
  })

  it('delivers an event committed during a pass without waiting for the next tick', async () => {
    const outbox = memoryOutbox()
    const dispatcher = createOutboxDispatcher({
      db: outbox.db,
      deliver: async () => void (await sleep(5)),
      intervalMs: 60_000,
    })
    outbox.add()
    dispatcher.start()
    await sleep(3)
    // The first pass has read its rows; this one is committed after that read.
    outbox.add()
    dispatcher.poke()
    await sleep(200)
    expect(outbox.pending()).toBe(0)
    await dispatcher.stop()
  })
  it('delivers the events of commits close together in one pass', async () => {
    const outbox = memoryOutbox()
    const delivered: number[] = []
    const dispatcher = createOutboxDispatcher({
      db: outbox.db,
      deliver: async (e) => void delivered.push(e.id),
      intervalMs: 60_000,
      gatherMs: 30,
    })
    dispatcher.start()
    await sleep(20)
    const idle = outbox.selects()
    // Ten commits within a few milliseconds, each waking the dispatcher.
    for (let i = 0; i < 10; i++) {
      outbox.add()
      dispatcher.poke()
    }
    await sleep(150)
    expect(delivered).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    // One pass: it reads the batch, then marks it delivered while reading the next (empty) one.
    expect(outbox.selects() - idle).toBe(2)
    await dispatcher.stop()
  })
})
