import postgres from 'postgres'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore } from '../server/core'
import { openTestDatabase, testDatabasePrefix } from './test-database'

const url = process.env.COMPTOIR_TEST_DATABASE_URL
const saved = process.env.COMPTOIR_TEST_DB_PREFIX

afterEach(() => {
  if (saved === undefined) delete process.env.COMPTOIR_TEST_DB_PREFIX
  else process.env.COMPTOIR_TEST_DB_PREFIX = saved
})

describe('test database names', () => {
  it('take a prefix of lower-case letters, digits and underscores, and refuse any other', () => {
    expect(testDatabasePrefix({})).toBe('')
    expect(testDatabasePrefix({ COMPTOIR_TEST_DB_PREFIX: 'ci4242_17_' })).toBe('ci4242_17_')
    for (const bad of ['CI_', 'a-b', 'x"; DROP DATABASE y; --', 'a'.repeat(25)])
      expect(() => testDatabasePrefix({ COMPTOIR_TEST_DB_PREFIX: bad })).toThrow(
        /Invalid COMPTOIR_TEST_DB_PREFIX/,
      )
  })

  it.runIf(url)('start with the prefix on PostgreSQL, template included, and are dropped after', async () => {
    const prefix = `t${Date.now().toString(36)}_`
    process.env.COMPTOIR_TEST_DB_PREFIX = prefix
    const { db, drop } = await openTestDatabase((d) => createCore({ db: d, plugins: [] }))
    const [{ name }] = await db.read<{ name: string }>('SELECT current_database() AS name')
    expect(name.startsWith(`${prefix}comptoir_test_`)).toBe(true)
    await drop()
    const admin = postgres(url!, { max: 1, onnotice: () => {} })
    try {
      const left = await admin<{ datname: string }[]>`
        SELECT datname FROM pg_database WHERE left(datname, ${prefix.length}) = ${prefix}`
      // The migrated template stays for the next test; the test's own database is gone.
      expect(left.map((r) => r.datname)).toEqual([
        expect.stringMatching(new RegExp(`^${prefix}comptoir_tpl_`)),
      ])
      for (const r of left) await admin.unsafe(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`)
    } finally {
      await admin.end()
    }
  })
})
