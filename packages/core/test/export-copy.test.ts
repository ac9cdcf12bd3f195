/**
 * On PostgreSQL an export's lines are written by the server (`COPY`, cells formatted in SQL). They must be
 * the very bytes the rows written in JavaScript give: every field type, both flavours, the characters
 * CSV and spreadsheets treat specially, nulls and empty strings, hidden fields, titles of records the
 * user may not read — page after page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database, Queryable } from '../src/db/database'
import { uuidv7 } from '../src/db/uuid'
import { FLAVOURS } from '../src/export/csv-writer'
import { ExportPlan } from '../src/export/export-plan'
import { csvColumns } from '../src/import/csv-columns'
import { registerImportJobs } from '../src/import/register'
import { parseListQuery } from '../src/records/parse-query'
import type { RecordsServiceImpl } from '../src/records/records-service'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'
import { send } from './fixtures/csv/helpers'
import notes from './fixtures/notes/server'

const onPostgres = !!process.env.COMPTOIR_TEST_DATABASE_URL
if (!onPostgres)
  console.info('export-copy: skipped, PGlite has no COPY TO STDOUT (set COMPTOIR_TEST_DATABASE_URL)')

let t: TestCore
let admin: TestClient
let adminEn: TestClient
let restricted: TestClient
/** Whether the transactions the core opens offer `copyOut`; off, exports take the JavaScript path. */
let copying = true
let copies = 0

const TEXTS = [
  'plain',
  'Élodie Ñandú 😀 café',
  'say "hi"',
  'a;b',
  'a,b',
  'two\nlines',
  'cr\rhere',
  'crlf\r\nhere',
  '=SUM(A1:A9)',
  '+33 1 23',
  '-2+3',
  '@home',
  '\ttab',
  '\rcr first',
  "'=x",
  "''",
  "'Tis",
  "'",
  '"',
  '=',
  ' leading space',
  'back\\slash',
  '',
]

async function sql(text: string, params: unknown[] = []) {
  const tenant = t.tenants.acme.id
  return t.core.withTenant(tenant, (ctx) => ctx.tx.query(text, params))
}

async function customField(name: string, type: string, options: string[] = []) {
  const tenant = t.tenants.acme.id
  await sql(
    'INSERT INTO core_custom_field (tenant_id, id, entity, name, type, label_fr, label_en, options) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb)',
    [tenant, uuidv7(), 'crm.company', name, type, `${name} fr`, `${name} en`, JSON.stringify(options)],
  )
}

beforeAll(async () => {
  if (!onPostgres) return
  t = await createTestCore({ plugins: [crm, notes] })
  registerImportJobs(t.core)
  const db = t.core.db as Database
  const tenant = db.tenant.bind(db)
  db.tenant = (id, fn, o) =>
    tenant(
      id,
      (tx, before) => {
        if (!tx.copyOut) return fn(tx, before)
        const copyOut = tx.copyOut.bind(tx)
        const wrapped: Queryable = {
          query: (text, params) => tx.query(text, params),
          savepoint: (f) => tx.savepoint(f),
          queue: tx.queue && ((text, params) => tx.queue!(text, params)),
          ...(copying
            ? {
                copyOut: (text: string, onData: (chunk: Uint8Array) => void) => {
                  copies++
                  return copyOut(text, onData)
                },
              }
            : {}),
        }
        return fn(wrapped, before)
      },
      o,
    )
  admin = await t.as('acme')
  adminEn = await t.as('acme', { admin: true, name: '=Ada "the" Admin' })
  await adminEn.patch('/api/v1/auth/me', { locale: 'en' })
  restricted = await t.as('acme', {
    name: '@Lucie; Martin',
    grants: {
      'crm.person.read': 'all',
      'crm.person.export': 'all',
      'notes.note.read': 'all',
      'notes.note.export': 'all',
      'notes.task.read': 'all',
    },
    fields: {
      'crm.person.email': 'hidden',
      'crm.person.lastName': 'hidden',
      'notes.note.weight': 'hidden',
    },
  })
  for (const [name, type] of [
    ['rating', 'decimal'],
    ['since', 'date'],
    ['vip', 'boolean'],
    ['seen', 'datetime'],
    ['count', 'integer'],
    ['share', 'percent'],
    ['price', 'money'],
    ['web', 'url'],
    ['phone', 'phone'],
    ['mail', 'email'],
    ['memo', 'longText'],
    ['label', 'text'],
  ])
    await customField(name, type)
  await customField('segment', 'select', ['pme', 'eti', '=x'])
  await customField('zones', 'multiSelect', ['nord', 'sud', 'est;ouest'])

  const companies: string[] = []
  for (let i = 0; i < TEXTS.length; i++) {
    const text = TEXTS[i]
    const r = await admin.post('/api/v1/records/crm.company', {
      name: text || `vide ${i}`,
      kind: ['customer', 'prospect', 'supplier'][i % 3],
      revenue: i % 4 ? `${i * 1234}.${i % 10}5` : null,
      parent: companies.length ? companies[i % companies.length] : null,
      address: { street: text, postalCode: i % 2 ? '75004' : null, city: TEXTS[(i + 3) % TEXTS.length] },
      secret: TEXTS[(i + 5) % TEXTS.length] || null,
      custom: {
        rating: i % 3 ? `${i}.5` : null,
        since: i % 2 ? `20${10 + i}-0${(i % 9) + 1}-1${i % 10}` : null,
        vip: i % 3 === 0 ? null : i % 3 === 1,
        seen: i % 2 ? new Date(Date.UTC(2000 + i, i % 12, 1 + i, i % 24, 7, 9, i * 37)).toISOString() : null,
        count: i % 2 ? i * 7 - 20 : null,
        share: i % 2 ? `${i}.25` : null,
        price: i % 2 ? `-${i}.10` : null,
        web: `https://exemple.fr/${i}?a=1;b=2`,
        phone: i % 2 ? `+33 1 23 45 67 ${10 + i}` : null,
        mail: `c${i}@exemple.fr`,
        memo: TEXTS[(i + 7) % TEXTS.length] || null,
        label: TEXTS[(i + 11) % TEXTS.length] || null,
        segment: i % 4 === 0 ? null : ['pme', 'eti', '=x'][i % 3],
        zones: i % 3 === 0 ? [] : i % 3 === 1 ? ['nord'] : ['sud', 'est;ouest'],
      },
    })
    expect(r.status).toBe(201)
    companies.push(r.body.id)
  }
  // Empty strings stored as they are, next to nulls.
  await sql(
    `UPDATE crm_company SET secret = '', address_region = '', custom = custom || '{"label": "", "memo": ""}'::jsonb WHERE name LIKE 'vide%'`,
  )
  await sql(`UPDATE crm_company SET owner_id = NULL WHERE name = 'a;b'`)
  await sql(`UPDATE crm_company SET owner_id = $1 WHERE name LIKE '%lines'`, [adminEn.userId])
  await sql(`UPDATE crm_company SET owner_id = $1 WHERE name LIKE 'cr%'`, [restricted.userId])

  const persons: string[] = []
  for (let i = 0; i < 30; i++) {
    const text = TEXTS[i % TEXTS.length]
    const r = await admin.post('/api/v1/records/crm.person', {
      firstName: i % 5 ? text || null : null,
      lastName: `${TEXTS[(i + 2) % TEXTS.length]} ${i}`,
      email: i % 2 ? `p${i}@exemple.fr` : null,
      company: i % 6 ? companies[i % companies.length] : null,
      birthdate: i % 3 ? `19${50 + i}-0${(i % 9) + 1}-2${i % 9}` : null,
      tags:
        i % 4 === 0
          ? []
          : i % 4 === 1
            ? ['vip']
            : i % 4 === 2
              ? ['press', 'vip']
              : ['partner', 'press', 'vip'],
      score: i % 2 ? i * 3 : null,
    })
    expect(r.status).toBe(201)
    persons.push(r.body.id)
  }

  const tasks: string[] = []
  for (let i = 0; i < 8; i++) {
    const r = await admin.post('/api/v1/records/notes.task', {
      label: TEXTS[(i * 3) % TEXTS.length] || `tâche ${i}`,
      company: companies[i % companies.length],
      done: i % 3 === 0 ? null : i % 3 === 1,
    })
    expect(r.status).toBe(201)
    tasks.push(r.body.id)
  }

  for (let i = 0; i < 40; i++) {
    const about =
      i % 5 === 0
        ? null
        : i % 5 === 1
          ? { entity: 'crm.company', id: companies[i % companies.length] }
          : i % 5 === 2
            ? { entity: 'crm.person', id: persons[i % persons.length] }
            : { entity: 'notes.task', id: tasks[i % tasks.length] }
    const r = await admin.post('/api/v1/records/notes.note', {
      subject: TEXTS[i % TEXTS.length] || `note ${i}`,
      body: TEXTS[(i + 4) % TEXTS.length] || null,
      company: i % 4 ? companies[(i * 7) % companies.length] : null,
      about,
      assignee: i % 3 === 0 ? null : i % 3 === 1 ? adminEn.userId : restricted.userId,
      weight: i % 2 ? `${i}.${i % 10}` : null,
      // Around the changes of time in Paris, before 1980 and with milliseconds.
      remindAt: [
        null,
        '2026-03-29T00:59:59.999Z',
        '2026-03-29T01:00:00.000Z',
        '2026-10-25T00:30:00.123Z',
        '2026-10-25T01:30:00.456Z',
        '1975-06-15T12:00:00.000Z',
        '2099-12-31T23:59:59.001Z',
        '2026-11-27T14:30:00.000Z',
      ][i % 8],
    })
    expect(r.status).toBe(201)
  }
  // A parent pointing at something no one can title.
  await sql(`UPDATE notes_note SET about_entity = 'core.user', about_id = $1 WHERE subject = 'plain'`, [
    admin.userId,
  ])
})
afterAll(() => t?.close())

/** The export through the route. */
async function download(client: TestClient, query: string, copy: boolean): Promise<Uint8Array> {
  copying = copy
  const before = copies
  try {
    const r = await send(t, client, 'GET', `/api/v1/export/${query}`)
    expect(r.status).toBe(200)
    expect(copies > before).toBe(copy)
    return r.bytes
  } finally {
    copying = true
  }
}

/** The lines of an export read page by page with a plan, as the route builds it, pages of `pageSize` rows. */
async function pages(client: TestClient, query: string, o: { copy: boolean; pageSize: number }) {
  const [ref, search = ''] = query.split('?')
  const tenant = t.tenants.acme.id
  const url = new URL(`http://x/?${search}`)
  const format = (url.searchParams.get('format') ?? 'excel') as 'excel' | 'csv'
  url.searchParams.delete('format')
  const user = { userId: client.userId }
  let plan!: ExportPlan
  let cursor: string | null | undefined
  const out: Uint8Array[] = []
  let n = 0
  do {
    const page = await t.core.withTenant(
      tenant,
      async (ctx) => {
        if (!plan) {
          const model = await (ctx.records(ref) as RecordsServiceImpl).model()
          const q = parseListQuery(url)
          plan = new ExportPlan(ref, q, csvColumns(model, ctx.core.messages, q.fields), {
            model,
            flavour: FLAVOURS[format],
            messages: ctx.core.messages,
            locale: ctx.locale,
            pageSize: o.pageSize,
            copyPageSize: o.copy ? o.pageSize : undefined,
          })
        }
        return plan.page(ctx, cursor ?? undefined)
      },
      user,
    )
    out.push(...page.chunks)
    cursor = page.cursor
    n++
  } while (cursor)
  return { bytes: Buffer.concat(out), pages: n }
}

const CASES = [
  'crm.company?sort=name',
  'crm.company?format=csv&sort=-revenue',
  'crm.company?sort=custom.seen&filter[kind][in]=customer,supplier',
  'crm.person',
  'crm.person?format=csv&sort=birthdate',
  'notes.note',
  'notes.note?format=csv&sort=-remindAt',
  'notes.note?q=lines',
  'notes.task?format=csv',
]

describe.skipIf(!onPostgres)('export written by PostgreSQL (skipped on PGlite: no COPY TO STDOUT)', () => {
  for (const query of CASES) {
    it(`gives the bytes the JavaScript writer gives: ${query}`, async () => {
      for (const client of [admin, adminEn, restricted]) {
        if (client === restricted && !/^(crm\.person|notes\.note)/.test(query)) continue
        const viaCopy = await download(client, query, true)
        const viaJs = await download(client, query, false)
        expect(Buffer.from(viaCopy).toString('utf8')).toBe(Buffer.from(viaJs).toString('utf8'))
        expect(Buffer.compare(viaCopy, viaJs)).toBe(0)
        // Small pages: the position each page gives is where the next one starts.
        const small = await pages(client, query, { copy: true, pageSize: 4 })
        const reference = await pages(client, query, { copy: false, pageSize: 3 })
        if (!query.includes('q=')) expect(small.pages).toBeGreaterThan(1)
        expect(Buffer.from(small.bytes).toString('utf8')).toBe(Buffer.from(reference.bytes).toString('utf8'))
        expect(Buffer.compare(small.bytes, reference.bytes)).toBe(0)
      }
    })
  }

  it('leaves out what the restricted user may not see', async () => {
    const header = (client: TestClient) =>
      download(client, 'notes.note', true).then((b) => Buffer.from(b).toString('utf8').split('\r\n')[0])
    expect(await header(admin)).toContain('Poids')
    expect(await header(restricted)).not.toContain('Poids')
  })

  it('reports a cursor value its column rejects as the client’s error', async () => {
    const bad = Buffer.from(JSON.stringify(['pas une date', uuidv7()])).toString('base64url')
    const error = await t.core
      .withTenant(
        t.tenants.acme.id,
        async (ctx) => {
          const model = await (ctx.records('crm.person') as RecordsServiceImpl).model()
          const q = parseListQuery(new URL('http://x/?sort=birthdate'))
          const plan = new ExportPlan('crm.person', q, csvColumns(model, ctx.core.messages), {
            model,
            flavour: FLAVOURS.csv,
            messages: ctx.core.messages,
            locale: ctx.locale,
            pageSize: 10,
            copyPageSize: 10,
          })
          return plan.page(ctx, bad)
        },
        { userId: admin.userId },
      )
      .catch((e) => e)
    expect(copies).toBeGreaterThan(0)
    expect(error).toMatchObject({ status: 400, errors: [{ path: 'cursor', code: 'invalid_cursor' }] })
  })
})
