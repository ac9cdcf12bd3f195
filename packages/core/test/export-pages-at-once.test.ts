/**
 * An export reading two pages at once: each page's end is found first and the next page starts there,
 * so the pages read side by side never repeat or skip a row, even while rows are added and removed during
 * the download. On PostgreSQL the pages are written by the server (`COPY`); on PGlite in JavaScript.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuthInfo } from '../src/auth/auth-info'
import { FLAVOURS } from '../src/export/csv-writer'
import { ExportPlan } from '../src/export/export-plan'
import { exportStream } from '../src/export/export-stream'
import { csvColumns } from '../src/import/csv-columns'
import type { RequestContext } from '../src/records/context'
import { parseListQuery } from '../src/records/parse-query'
import type { RecordsServiceImpl } from '../src/records/records-service'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'

let t: TestCore
let admin: TestClient
let auth: AuthInfo
const PAGE = 7

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm] })
  admin = await t.as('acme')
  auth = {
    tenant: await t.core.tenant({ id: t.tenants.acme.id }),
    user: { id: admin.userId, email: 'admin@acme.test', name: 'Admin', isAdmin: true, locale: 'fr' },
    via: 'session',
  }
  for (let i = 0; i < 60; i++) {
    const r = await admin.post('/api/v1/records/crm.company', {
      name: `Société ${String(i).padStart(3, '0')}`,
      // Nulls among equal values: the pages' ends fall inside runs of ties and of nulls.
      revenue: i % 4 ? String((i % 5) * 100) : null,
    })
    expect(r.status).toBe(201)
  }
})
afterAll(() => t?.close())

/** An export of companies by name, `PAGE` rows a page, read as the route reads it. */
async function start(
  pagesAtOnce: number,
  list = 'sort=name&fields=name',
  pageSize = PAGE,
  /** Runs in the transaction that found a page's end, once it is found. */
  found?: (ctx: RequestContext, from: string, until: string | null) => Promise<void>,
) {
  let boundaries = 0
  const { plan, first } = await t.core.withTenant(
    t.tenants.acme.id,
    async (ctx) => {
      const model = await (ctx.records('crm.company') as RecordsServiceImpl).model()
      const q = parseListQuery(new URL(`http://x/?${list}`))
      const plan = new ExportPlan('crm.company', q, csvColumns(model, ctx.core.messages, q.fields), {
        model,
        flavour: FLAVOURS.csv,
        messages: ctx.core.messages,
        locale: ctx.locale,
        pageSize,
        copyPageSize: pageSize,
      })
      const boundary = plan.boundary.bind(plan)
      plan.boundary = async (c, from) => {
        boundaries++
        const until = await boundary(c, from)
        await found?.(c, from, until)
        return until
      }
      return { plan, first: await plan.page(ctx) }
    },
    { userId: admin.userId },
  )
  const stream = exportStream({
    core: t.core,
    auth,
    plan,
    header: 'name\r\n',
    flavour: FLAVOURS.csv,
    format: 'csv',
    first,
    pagesAtOnce,
  })
  return { reader: stream.getReader(), boundaries: () => boundaries }
}

/** The names of the rows read, chunk by chunk; `between` runs after each chunk. */
async function names(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  between?: (n: number) => Promise<void>,
) {
  const decoder = new TextDecoder()
  let text = ''
  for (let n = 0; ; n++) {
    const { done, value } = await reader.read()
    if (done) break
    text += decoder.decode(value, { stream: true })
    await between?.(n)
  }
  return text
    .split('\r\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(',').find((cell) => cell.startsWith('Société'))!)
}

describe('export pages read side by side', () => {
  it('gives the lines of an export read one page at a time', async () => {
    const one = await names((await start(1)).reader)
    const two = await start(2)
    expect(await names(two.reader)).toEqual(one)
    expect(one).toHaveLength(60)
    expect(two.boundaries()).toBeGreaterThan(5)
  })

  for (const list of [
    'sort=-revenue,name',
    'sort=revenue',
    'sort=-revenue',
    'filter[revenue][gte]=200&sort=-createdAt',
  ])
    it(`gives the lines of an export read one page at a time: ${list}`, async () => {
      const fields = `&fields=revenue,name`
      const one = await names((await start(1, list + fields)).reader)
      const two = await start(2, list + fields)
      expect(await names(two.reader)).toEqual(one)
      expect(new Set(one).size).toBe(one.length)
      expect(one.length).toBeGreaterThan(PAGE * 3)
      expect(two.boundaries()).toBeGreaterThanOrEqual(3)
    })

  it('ends when the rows fill the last page exactly', async () => {
    // 60 rows, 5 pages of 12: the page after the last one's end holds nothing.
    const one = await names((await start(1, undefined, 12)).reader)
    expect(one).toHaveLength(60)
    expect(await names((await start(2, undefined, 12)).reader)).toEqual(one)
  })

  it('repeats and skips no row while rows are added and removed during the download', async () => {
    const removed = new Set<string>()
    const added = new Set<string>()
    // Right after each page's end is found, before that page is read: the row after its start and the
    // row at its end are removed, and rows are added just before its end and just after it. Read with
    // the page's size instead of up to its end, the page would then repeat the next page's first row or
    // leave out its own last one.
    const { reader, boundaries } = await start(2, undefined, PAGE, async (ctx, from, until) => {
      if (!until) return
      const [after] = JSON.parse(Buffer.from(from, 'base64url').toString('utf8')) as [string]
      const [end] = JSON.parse(Buffer.from(until, 'base64url').toString('utf8')) as [string]
      const n = boundaries()
      const victims = await ctx.tx.query<{ name: string }>(
        `DELETE FROM crm_company WHERE id IN (SELECT id FROM crm_company WHERE name > $1 AND name <= $2 AND name ~ '^Société [0-9]{3}$' ORDER BY name LIMIT 1)
           OR (name = $2 AND $3) RETURNING name`,
        [after, end, n % 2 === 0],
      )
      for (const v of victims) removed.add(v.name)
      // Once, more rows than two pages hold: the page is cut, and the rest is read before the next page.
      const burst =
        n === 2
          ? Array.from({ length: PAGE * 3 }, (_, i) => `${after} flot ${String(i).padStart(2, '0')}`)
          : []
      for (const name of [`${after} bis ${n}`, `${end} ter ${n}`, ...burst]) {
        if (!/^Société \d{3}$/.test(end)) continue
        expect((await ctx.records('crm.company').create({ name })).id).toBeTruthy()
        added.add(name)
      }
    })
    const got = await names(reader)
    expect(boundaries()).toBeGreaterThan(3)
    expect(removed.size).toBeGreaterThan(5)
    expect(added.size).toBeGreaterThan(PAGE * 3)
    // No row twice, in the list's order.
    expect(new Set(got).size).toBe(got.length)
    const originals = got.filter((name) => /^Société \d{3}$/.test(name))
    expect([...originals].sort()).toEqual(originals)
    // Every row there from start to end, once; every row added before its page was read, too.
    for (let i = 0; i < 60; i++) {
      const name = `Société ${String(i).padStart(3, '0')}`
      if (!removed.has(name)) expect(got).toContain(name)
    }
    for (const name of added) expect(got).toContain(name)
    for (const name of removed) expect(got).not.toContain(name)
  })
})
