/**
 * On the embedded database every write goes through the server (the data directory is open in one
 * process), so what every request reads first — its session, and its context: user, rights, plugins,
 * custom fields — is read once and reused until anything is written. Any write, by a request or by a
 * statement of its own, makes the next request read them again and see the change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database, Queryable } from '../src/db/database'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'

const onPglite = !process.env.COMPTOIR_TEST_DATABASE_URL

let t: TestCore
let admin: TestClient
let reader: TestClient
let company: string
/** The statements of the tenant transactions, as they run. */
let seen: string[] = []

beforeAll(async () => {
  if (!onPglite) return
  t = await createTestCore({ plugins: [crm] })
  const db = t.core.db as Database
  const tenant = db.tenant.bind(db)
  db.tenant = (id, fn, o) => {
    if (o?.before) seen.push(o.before.text)
    return tenant(
      id,
      (tx, before) => {
        const logged: Queryable = {
          ...tx,
          query: (text, params) => {
            seen.push(text)
            return tx.query(text, params)
          },
        }
        return fn(logged, before)
      },
      o,
    )
  }
  admin = await t.as('acme')
  reader = await t.as('acme', { grants: { 'crm.company.read': 'all' } })
  company = (await admin.post('/api/v1/records/crm.company', { name: 'Lecture unique' })).body.id
})
afterAll(() => t?.close())

/** The statements of one request: whether it read the session and the context. */
async function read(client: TestClient, path = `/api/v1/records/crm.company/${company}`) {
  seen = []
  const r = await client.get(path)
  return {
    status: r.status,
    session: seen.some((s) => s.includes('FROM core_session')),
    context: seen.some((s) => s.includes('FROM core_tenant_plugin')),
  }
}

describe.skipIf(!onPglite)('embedded database: session and context read once between writes', () => {
  it('reads neither again while nothing is written', async () => {
    // The first request validates the session on its own, the second checks it in its transaction.
    await read(reader)
    await read(reader)
    expect(await read(reader)).toEqual({ status: 200, session: false, context: false })
  })

  it('reads both again after a write by another request, and the same answer comes', async () => {
    expect(
      (await admin.patch(`/api/v1/records/crm.company/${company}`, { version: 1, name: 'Relue' })).status,
    ).toBe(200)
    expect(await read(reader)).toEqual({ status: 200, session: true, context: true })
    expect(await read(reader)).toEqual({ status: 200, session: false, context: false })
  })

  it('sees rights taken away by a statement of its own at the next request', async () => {
    const db = t.core.db as Database
    await db.system((tx) =>
      tx.query('DELETE FROM core_user_role WHERE tenant_id = $1 AND user_id = $2', [
        t.tenants.acme.id,
        reader.userId,
      ]),
    )
    const after = await read(reader)
    expect(after.status).toBe(403)
    expect(after.context).toBe(true)
  })

  it('refuses a user deactivated, and a session deleted, at the next request', async () => {
    const db = t.core.db as Database
    const other = await t.as('acme', { grants: { 'crm.company.read': 'all' } })
    await read(other)
    await read(other)
    expect(await read(other)).toEqual({ status: 200, session: false, context: false })
    await db.exec(`UPDATE core_user SET status = 'inactive' WHERE id = '${other.userId}'`)
    expect((await other.get(`/api/v1/records/crm.company/${company}`)).status).toBe(401)
    const third = await t.as('acme', { grants: { 'crm.company.read': 'all' } })
    await read(third)
    await read(third)
    expect(await read(third)).toEqual({ status: 200, session: false, context: false })
    await db.system((tx) => tx.query('DELETE FROM core_session WHERE user_id = $1', [third.userId]))
    expect((await third.get(`/api/v1/records/crm.company/${company}`)).status).toBe(401)
  })
})
