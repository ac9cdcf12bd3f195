/**
 * Rows made into objects by a function compiled per column list give what the driver's own rows give:
 * the same values under the same names, the later of two columns of one name, a column named
 * `__proto__` as a property. The PostgreSQL part needs `COMPTOIR_TEST_DATABASE_URL`.
 */
import type postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { objectRows, rowBuilder } from './object-rows'
import { createPostgresDatabase } from './postgres'

describe('rowBuilder', () => {
  it('puts each value under its name, the later one for a name given twice', () => {
    const row = rowBuilder(['a', 'b', 'a', 'quote"d', 'back\\slash', 'é\u2028'])([1, 2, 3, 4, 5, 6])
    expect(row).toEqual({ a: 3, b: 2, 'quote"d': 4, 'back\\slash': 5, 'é\u2028': 6 })
    expect(Object.keys(row)).toEqual(['a', 'b', 'quote"d', 'back\\slash', 'é\u2028'])
  })

  it('keeps a column named __proto__ as a property, not as the prototype', () => {
    const row = rowBuilder(['id', '__proto__'])(['x', { polluted: true }])
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype)
    expect(Object.hasOwn(row, '__proto__')).toBe(true)
    expect((row as any).polluted).toBeUndefined()
    expect(Object.keys(row)).toEqual(['id', '__proto__'])
  })

  it('gives no rows for a result without columns', () => {
    expect(objectRows(Object.assign([], { columns: [] }))).toEqual([])
  })
})

const url = process.env.COMPTOIR_TEST_DATABASE_URL

describe.skipIf(!url)('rows from PostgreSQL', () => {
  let db: ReturnType<typeof createPostgresDatabase>
  let driver: postgres.Sql
  beforeAll(() => {
    db = createPostgresDatabase({ url: url!, max: 2 })
    driver = db.sql
  })
  afterAll(async () => {
    await db.close()
  })

  it('equal the driver’s own rows, typed values and sixty columns included', async () => {
    const wide = Array.from({ length: 60 }, (_, i) => `${i} * $1::int AS c${i}`).join(', ')
    const text = `SELECT g AS id, 'Zoé'::text AS name, timestamptz '2026-11-29 10:00:00+01' - g * interval '1 day' AS at, date '2026-01-31' AS day,
        NULL::text AS empty, '{"a": [1]}'::jsonb AS doc, ARRAY['x', 'y'] AS tags, 9007199254740::bigint AS big,
        12.50::numeric AS amount, true AS flag, ${wide}
      FROM generate_series(1, 3) g ORDER BY g`
    const ours = await db.system((tx) => tx.query(text, [2]))
    const theirs = await driver.unsafe(text, [2], { prepare: true })
    expect(ours).toHaveLength(3)
    expect(ours).toEqual([...theirs])
    expect(ours[2].at).toBeInstanceOf(Date)
    expect(ours[1]).toMatchObject({ id: 2, name: 'Zoé', day: '2026-01-31', empty: null, c59: 118 })
    expect(ours[0].doc).toEqual({ a: [1] })
    expect(ours[0].tags).toEqual(['x', 'y'])
  })

  it('keep the later of two columns of one name, as the driver does, and read the same through `read`', async () => {
    const text = `SELECT 1 AS a, 2 AS b, 3 AS a, 4 AS "__proto__"`
    const ours = await db.read(text)
    const theirs = await driver.unsafe(text)
    expect(ours).toEqual([{ a: 3, b: 2, ['__proto__']: 4 }])
    expect(ours[0].a).toBe(theirs[0].a)
    expect(Object.getPrototypeOf(ours[0])).toBe(Object.prototype)
  })

  it('give no rows for a statement that returns none, and the rows of one sent ahead of the context', async () => {
    await expect(db.system((tx) => tx.query(`SELECT 1 AS a WHERE false`))).resolves.toEqual([])
    await expect(db.system((tx) => tx.query(`SET LOCAL statement_timeout = 5000`))).resolves.toEqual([])
    const tenant = '00000000-0000-4000-8000-000000000001'
    const early = await db.tenant(tenant, async (_tx, before) => before, {
      before: { text: `SELECT $1::text AS who, 2 + 2 AS sum`, params: ['moi'] },
    })
    expect(early).toEqual([{ who: 'moi', sum: 4 }])
  })
})
