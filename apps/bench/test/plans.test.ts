/**
 * No request path reads a table of more than 10,000 rows sequentially. Over 20,000 contacts seeded
 * through the bulk loader (one tenant holding most of them, as a large customer does), each request of
 * the list, keyset, count and search paths is replayed in-process through a query-logging database, and
 * every statement it ran is explained as it ran: tenant statements as the application role under
 * row-level security, the search function's inner statement as its owner.
 *
 * A count filtered on a column without an index has to read every row of the tenant, and PostgreSQL
 * rightly reads them sequentially when the tenant holds most of the table: the bench reports that
 * statement's plan and cost (`list_filtered_count`); this test holds counts on indexed filters.
 */
import {
  type Core,
  createApp,
  createPgliteDatabase,
  createPostgresDatabase,
  type Database,
} from '@comptoir/core/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBenchDatabase, type BenchDatabase } from '../src/db/bench-database'
import { type ExplainedQuery, explain, isExplainable } from '../src/db/explain'
import { largeTables } from '../src/db/large-tables'
import type { LoggedQuery, QueryLog } from '../src/db/query-log'
import { innerSearchQueries } from '../src/db/search-statements'
import { type SeededData, seed } from '../src/data/seed'
import { GLOBAL_TERM, SEARCH_TERM } from '../src/scenario'
import { createSeededCore } from '../src/seeded-core'

const SIZE = {
  contacts: 20_000,
  accounts: 2_000,
  smallTenants: 3,
  smallContacts: 1_000,
  firstAccountContacts: 500,
}
const BASE = 'http://comptoir.test'
const CONTACTS = '/api/v1/records/contacts.contact'

let bench: BenchDatabase | undefined
let core: Core
let queryLog: QueryLog
let data: SeededData
let cookie: string
let large: Set<string>
let app: ReturnType<typeof createApp>

async function openDatabase(): Promise<Database> {
  const url = process.env.COMPTOIR_TEST_DATABASE_URL
  if (!url) return createPgliteDatabase()
  bench = await createBenchDatabase(url)
  return createPostgresDatabase({ url: bench.url, max: 4 })
}

beforeAll(async () => {
  const seeded = createSeededCore(await openDatabase())
  core = seeded.core
  queryLog = seeded.log
  await core.migrate()
  data = await seed(core, SIZE, () => {})
  app = createApp(core)
  const login = await app.request(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: BASE },
    body: JSON.stringify({
      email: data.main.adminEmail,
      password: data.main.password,
      tenant: data.main.slug,
    }),
  })
  expect(login.status).toBe(200)
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]
  large = await largeTables(core.db, 10_000)
})

afterAll(async () => {
  await core?.db.close()
  await bench?.drop()
})

async function get(path: string): Promise<{ body: any; queries: LoggedQuery[] }> {
  const { result, queries } = await queryLog.capture(async () => {
    const r = await app.request(`${BASE}${path}`, { headers: { cookie } })
    return { status: r.status, body: await r.json() }
  })
  expect(result.status, JSON.stringify(result.body)).toBe(200)
  return { body: result.body, queries }
}

/** Every statement of the request, and the search function's inner statements, explained. */
async function plans(queries: LoggedQuery[]): Promise<ExplainedQuery[]> {
  const all = [...queries.filter(isExplainable), ...(await innerSearchQueries(core.db, queries))]
  const out: ExplainedQuery[] = []
  for (const q of all) out.push(await explain(core.db, q))
  return out
}

function seqScansOfLargeTables(explained: ExplainedQuery[]): string[] {
  return explained.flatMap((e) =>
    e.seqScans
      .filter((t) => large.has(t))
      .map((t) => `${t} in: ${e.query.text.replace(/\s+/g, ' ').slice(0, 160)}… → ${e.shape}`),
  )
}

/** The statement that reads the page of contacts. */
function page(explained: ExplainedQuery[]): ExplainedQuery {
  const e = explained.find(
    (x) => /FROM "contacts_contact" t/.test(x.query.text) && /ORDER BY/.test(x.query.text),
  )
  expect(e, 'the page statement').toBeDefined()
  return e!
}

function indexCondOnTenant(node: ExplainedQuery['plan']): boolean {
  if (node['Index Cond']?.includes('tenant_id')) return true
  return (node.Plans ?? []).some(indexCondOnTenant)
}

/** The statement that counts the contacts of the list. */
function count(explained: ExplainedQuery[]): ExplainedQuery {
  const e = explained.find((x) => /count\(/i.test(x.query.text) && /"contacts_contact"/.test(x.query.text))
  expect(e, 'the count statement').toBeDefined()
  return e!
}

describe('plans over 20,000 contacts, as the application role under RLS', () => {
  it('has more than 10,000 rows in the contacts table, so the rule applies to it', () => {
    expect(large.has('contacts_contact')).toBe(true)
  })

  it('first page: an index scan on the tenant, no sequential scan', async () => {
    const e = await plans((await get(`${CONTACTS}?sort=lastName&limit=50`)).queries)
    expect(seqScansOfLargeTables(e)).toEqual([])
    expect(indexCondOnTenant(page(e).plan), page(e).shape).toBe(true)
  })

  it('keyset page 5,000 rows deep: an index scan on the tenant and the cursor, no sequential scan', async () => {
    let cursor = ''
    for (let i = 0; i < 25; i++)
      cursor = (
        await get(
          `${CONTACTS}?sort=lastName&limit=200&fields=lastName${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        )
      ).body.nextCursor
    const e = await plans(
      (await get(`${CONTACTS}?sort=lastName&limit=50&cursor=${encodeURIComponent(cursor)}`)).queries,
    )
    expect(seqScansOfLargeTables(e)).toEqual([])
    expect(indexCondOnTenant(page(e).plan), page(e).shape).toBe(true)
  })

  it('capped count of the whole list: no sequential scan', async () => {
    const { body, queries } = await get(`${CONTACTS}?limit=50&count=true`)
    expect(body.totalCapped).toBe(true)
    const e = await plans(queries)
    expect(seqScansOfLargeTables(e)).toEqual([])
    expect(indexCondOnTenant(count(e).plan), count(e).shape).toBe(true)
  })

  it('filtered page sorted by newest first: a backward scan of the creation index, no sequential scan', async () => {
    const e = await plans((await get(`${CONTACTS}?filter[title]=Comptable&sort=-createdAt&limit=50`)).queries)
    expect(seqScansOfLargeTables(e)).toEqual([])
  })

  it('capped count of a list filtered on an indexed field: no sequential scan', async () => {
    const { body, queries } = await get(
      `${CONTACTS}?filter[account]=${data.bigAccountId}&limit=50&count=true`,
    )
    expect(body.total).toBe(SIZE.firstAccountContacts)
    const e = await plans(queries)
    expect(seqScansOfLargeTables(e)).toEqual([])
    expect(indexCondOnTenant(count(e).plan), count(e).shape).toBe(true)
  })

  it('q= search on contacts: the (tenant_id, trigram) index, no sequential scan', async () => {
    const e = await plans((await get(`${CONTACTS}?q=${SEARCH_TERM}&limit=50`)).queries)
    expect(seqScansOfLargeTables(e)).toEqual([])
    const inner = e.find((x) => x.query.tenantId === null && /FROM "contacts_contact" s/.test(x.query.text))
    expect(inner?.shape).toContain('contacts_contact_search_idx')
    // The search function filters on the tenant itself: the condition is in the index scan.
    expect(indexCondOnTenant(inner!.plan), inner!.shape).toBe(true)
  })

  it('global search with a typo: trigram indexes, no sequential scan', async () => {
    const e = await plans((await get(`/api/v1/search?q=${GLOBAL_TERM}`)).queries)
    expect(seqScansOfLargeTables(e)).toEqual([])
    const inner = e.filter((x) => x.query.tenantId === null && /FROM "contacts_contact" s/.test(x.query.text))
    expect(inner.length, 'the inner search statements on contacts').toBeGreaterThan(0)
    for (const x of inner) expect(indexCondOnTenant(x.plan), x.shape).toBe(true)
  })

  it('related list of an account with 500 contacts: no sequential scan', async () => {
    const e = await plans(
      (
        await get(
          `/api/v1/records/accounts.account/${data.bigAccountId}/related/contacts.contact.account?limit=50`,
        )
      ).queries,
    )
    expect(seqScansOfLargeTables(e)).toEqual([])
  })
})
