/**
 * Queued writes (`tx.queue`): sent without waiting, they commit with the transaction, and one that fails
 * fails the whole transaction — nothing of it is kept. On PGlite, and on PostgreSQL with
 * `COMPTOIR_TEST_DATABASE_URL`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore } from '../server/core'
import { openTestDatabase } from '../testing/test-database'
import type { Database } from './database'

let db: Database
let drop: () => Promise<void>

beforeAll(async () => {
  ;({ db, drop } = await openTestDatabase((d) => createCore({ db: d, plugins: [] })))
  await db.exec('CREATE TABLE queued_note (id int PRIMARY KEY, body text NOT NULL)')
})
afterAll(() => drop?.())

const notes = async () =>
  (await db.read<{ id: number }>('SELECT id FROM queued_note ORDER BY id')).map((r) => r.id)

describe('queued writes', () => {
  it('commit with the transaction, and later statements see them', async () => {
    const seen = await db.system(async (tx) => {
      expect(tx.queue).toBeTypeOf('function')
      tx.queue!('INSERT INTO queued_note (id, body) VALUES ($1, $2)', [1, 'un'])
      tx.queue!('INSERT INTO queued_note (id, body) VALUES ($1, $2)', [2, 'deux'])
      return (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM queued_note'))[0].n
    })
    expect(seen).toBe(2)
    expect(await notes()).toEqual([1, 2])
  })

  it('one that fails fails the transaction, even when nothing waited for it, and nothing is kept', async () => {
    await expect(
      db.system(async (tx) => {
        await tx.query('INSERT INTO queued_note (id, body) VALUES ($1, $2)', [3, 'trois'])
        tx.queue!('INSERT INTO queued_note (id, body) VALUES ($1, $2)', [4, 'quatre'])
        // A duplicate key: refused by the database after the function has already returned.
        tx.queue!('INSERT INTO queued_note (id, body) VALUES ($1, $2)', [1, 'encore un'])
        return 'done'
      }),
    ).rejects.toMatchObject({ code: '23505' })
    expect(await notes()).toEqual([1, 2])
    // The database is usable afterwards.
    await db.system(async (tx) =>
      tx.queue!('INSERT INTO queued_note (id, body) VALUES ($1, $2)', [5, 'cinq']),
    )
    expect(await notes()).toEqual([1, 2, 5])
  })
})
