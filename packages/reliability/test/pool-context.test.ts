import { AsyncLocalStorage } from 'node:async_hooks'
import {
  createApp,
  createCore,
  createPostgresDatabase,
  type Core,
  type Database,
} from '@comptoir/core/server'
import { createTestCore, TEST_ORIGIN, TEST_PASSWORD, type TestCore } from '@comptoir/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { POSTGRES_URL, size } from '../src/budget'
import { PLUGINS } from '../src/plugins'
import { appFetcher, type SessionClient, signIn } from '../src/session-client'

/**
 * On PostgreSQL (a real pool of one connection) the full 10,000 in every run: about 40 s on two cores,
 * each tenant transaction checked twice. On PGlite, whose single session serves one request at a time
 * in the test's own thread, 600 (10,000 in the long form).
 */
const REQUESTS = POSTGRES_URL ? 10_000 : size(600, 10_000)
const IN_FLIGHT = 16

let t: TestCore
let db: Database
let core: Core
const clients: Record<string, SessionClient> = {}
const owned: Record<string, Set<string>> = {}

/** The test database reached through a pool of exactly one connection, or PGlite's one session. */
function onePool(): Database {
  if (!POSTGRES_URL) return t.db
  const options = (t.db as unknown as { sql: { options: { database: string } } }).sql.options
  const url = new URL(POSTGRES_URL)
  url.pathname = `/${options.database}`
  return createPostgresDatabase({ url: url.toString(), max: 1 })
}

/** Connection states found before a tenant transaction, or inside it, that were not the expected ones. */
const leaks: string[] = []
let checked = 0

/**
 * Every tenant transaction the app opens is preceded, on the same single connection, by a look at the
 * tenant setting the connection carries (it must be empty), and its first statement checks it runs for
 * the tenant it was opened for. A transaction opened inside another one is only checked inside.
 */
function watchContext(d: Database): Database {
  const inside = new AsyncLocalStorage<true>()
  const tenant = d.tenant.bind(d)
  const system = d.system.bind(d)
  d.system = (fn) => inside.run(true, () => system(fn))
  d.tenant = async (tenantId, fn, opts) => {
    if (!inside.getStore()) {
      const [idle] = await system((tx) =>
        tx.query<{ setting: string | null }>(
          "SELECT nullif(current_setting('app.tenant_id', true), '') AS setting",
        ),
      )
      if (idle.setting !== null) leaks.push(`before a transaction of ${tenantId}: ${idle.setting}`)
      before++
    }
    return inside.run(true, () =>
      tenant(
        tenantId,
        async (tx, b) => {
          const [own] = await tx.query<{ setting: string }>(
            "SELECT current_setting('app.tenant_id', true) AS setting",
          )
          if (own.setting !== tenantId) leaks.push(`a transaction of ${tenantId} ran as ${own.setting}`)
          checked++
          return fn(tx, b)
        },
        opts,
      ),
    )
  }
  return d
}
let before = 0

beforeAll(async () => {
  t = await createTestCore({ plugins: PLUGINS, tenants: ['acme', 'globex'] })
  db = onePool()
  core = createCore({
    db: POSTGRES_URL ? watchContext(db) : db,
    plugins: PLUGINS,
    config: { publicUrl: TEST_ORIGIN },
  })
  const app = createApp(core)
  for (const slug of ['acme', 'globex']) {
    owned[slug] = new Set()
    await core.withTenant(t.tenants[slug].id, async (ctx) => {
      for (let i = 0; i < 30; i++) {
        const a = await ctx.records('accounts.account').create({ name: `${slug} ${i}` }, { system: true })
        const c = await ctx
          .records('contacts.contact')
          .create({ lastName: `${slug} ${i}`, account: a.id }, { system: true })
        owned[slug].add(a.id).add(c.id)
      }
    })
    clients[slug] = await signIn(appFetcher(app), TEST_ORIGIN, {
      email: `admin@${slug}.test`,
      password: TEST_PASSWORD,
    })
  }
})
afterAll(async () => {
  if (db && db !== t?.db) await db.close()
  await t?.close()
})

/** One request of the mix: reads, a search, and a refused write that rolls back. */
async function oneRequest(slug: string, i: number): Promise<string[]> {
  const c = clients[slug]
  const own = [...owned[slug]]
  switch (i % 5) {
    case 0:
      return (await c.request('GET', '/api/v1/records/accounts.account?limit=50')).body.data.map(
        (r: any) => r.id,
      )
    case 1: {
      const r = await c.request('GET', '/api/v1/records/contacts.contact?limit=50&sort=-lastName')
      return r.body.data.flatMap((x: any) => [x.id, x.account?.id].filter(Boolean))
    }
    case 2:
      return (await c.request('GET', `/api/v1/search?q=${slug}`)).body.groups.flatMap((g: any) =>
        g.items.map((x: any) => x.id),
      )
    case 3: {
      const r = await c.request('POST', '/api/v1/records/contacts.contact', { lastName: '', account: own[0] })
      if (r.status !== 422) throw new Error(`expected 422, got ${r.status}`)
      return []
    }
    default: {
      const id = own[i % own.length]
      const ref =
        (await c.request('GET', `/api/v1/records/accounts.account/${id}`)).status === 200
          ? 'accounts.account'
          : 'contacts.contact'
      return [(await c.request('GET', `/api/v1/records/${ref}/${id}`)).body.id]
    }
  }
}

describe('the tenant context never leaks through the pool', () => {
  it(`${REQUESTS} requests alternating between two tenants on one connection: every row is the requester's`, async () => {
    const mismatches: string[] = []
    let done = 0
    let next = 0
    const worker = async () => {
      while (next < REQUESTS) {
        const i = next++
        const slug = Math.random() < 0.5 ? 'acme' : 'globex'
        if (i % 25 === 0) {
          // Straight on the pool: RLS alone decides what a tenant transaction sees.
          const rows = await db.tenant(t.tenants[slug].id, (tx) =>
            tx.query<{ tenant_id: string; setting: string; role: string }>(
              "SELECT tenant_id, current_setting('app.tenant_id', true) AS setting, current_user AS role FROM accounts_account",
            ),
          )
          for (const r of rows)
            if (r.tenant_id !== t.tenants[slug].id || r.setting !== t.tenants[slug].id)
              mismatches.push(`raw ${slug} saw ${r.tenant_id}`)
          const [idle] = await db.system((tx) =>
            tx.query<{ setting: string | null }>(
              "SELECT nullif(current_setting('app.tenant_id', true), '') AS setting",
            ),
          )
          if (idle.setting !== null) mismatches.push(`context left on the connection: ${idle.setting}`)
        }
        for (const id of await oneRequest(slug, i))
          if (!owned[slug].has(id)) mismatches.push(`${slug} got ${id}`)
        done++
      }
    }
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
    console.log(
      `pool context: ${done} requests on ${db.kind}${POSTGRES_URL ? ` (pool of one connection, ${checked} tenant transactions checked inside, ${before} of them before too)` : ''}, ${mismatches.length + leaks.length} mismatches`,
    )
    expect(mismatches.slice(0, 20)).toEqual([])
    expect(leaks.slice(0, 20)).toEqual([])
    expect(done).toBe(REQUESTS)
    if (POSTGRES_URL) expect(before).toBeGreaterThanOrEqual(REQUESTS)
  }, 600_000)
})
