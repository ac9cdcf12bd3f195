import { createTestCore, type TestClient, type TestCore } from '@comptoir/core/testing'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { size } from '../src/budget'
import {
  BAD_DATES,
  HTML_PAYLOADS,
  hostileParam,
  hostileValue,
  ODD_TEXT,
  SQL_PAYLOADS,
} from '../src/hostile-values'
import { PLUGINS } from '../src/plugins'
import { problemFault } from '../src/problem-check'
import { type SeededTenant, seedTenant } from '../src/seed-tenant'
import type { Answer as TestResponse } from '../src/session-client'
import { writeCounter } from '../src/write-counter'

const RUNS = size(200, 5_000)
const counts: Record<string, number> = {}
let t: TestCore
let admin: TestClient
let seed: SeededTenant

beforeAll(async () => {
  t = await createTestCore({ plugins: PLUGINS, tenants: ['acme'] })
  admin = await t.as('acme')
  seed = await seedTenant(admin, 'Acme')
})
afterAll(() => {
  console.log('bad input: cases per endpoint', counts)
  return t?.close()
})

/** A valid body to start from, so each mutation is the only thing wrong. */
function validBody(ref: string): Record<string, unknown> {
  switch (ref) {
    case 'accounts.account':
      return { name: 'Fuzz' }
    case 'contacts.contact':
      return { lastName: 'Fuzz', account: seed.ids['accounts.account'] }
    case 'leads.lead':
      return { lastName: 'Fuzz', company: 'Fuzz SARL' }
    case 'deals.deal':
      return {
        name: 'Fuzz',
        account: seed.ids['accounts.account'],
        stage: seed.ids['deals.stage'],
        closeDate: '2027-01-31',
      }
    default:
      return { name: 'Fuzz', position: 500 }
  }
}

function keysOf(ref: string): fc.Arbitrary<string> {
  const e = t.core.registry.entities.get(ref)!
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...Object.keys(e.fields)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'custom',
        'owner',
        'version',
        'id',
        'constructor',
        '__proto__',
        'tenant_id',
        'deleted_at',
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  )
}

/** A body with one to three keys set to hostile values. */
function mutation(ref: string): fc.Arbitrary<Record<string, unknown>> {
  return fc.dictionary(keysOf(ref), hostileValue(), { minKeys: 1, maxKeys: 3 })
}

/** The write counter as last read: refusals must leave it as it is; accepted writes move it on. */
let written = ''

/** Sends one case; fails on a 5xx, a malformed refusal, or a refusal that wrote something. */
async function check(label: string, send: () => Promise<TestResponse>, sentKeys: string[] | null) {
  counts[label] = (counts[label] ?? 0) + 1
  written ||= await writeCounter(t.db, admin.tenantId)
  const r = await send()
  const fault = problemFault(r, sentKeys)
  if (fault) throw new Error(fault)
  const after = await writeCounter(t.db, admin.tenantId)
  if (r.status >= 400 && after !== written) {
    written = after
    throw new Error(`a refused request (${r.status}) wrote something`)
  }
  written = after
  return r
}

/** Like `check`, for corpus tests: records the fault instead of stopping at the first one. */
async function collect(
  faults: string[],
  label: string,
  what: string,
  send: () => Promise<TestResponse>,
  sentKeys: string[] | null,
) {
  try {
    return await check(label, send, sentKeys)
  } catch (err) {
    faults.push(`${what}: ${(err as Error).message.slice(0, 100)}`)
    return null
  }
}

/** Percent-encodes, lone surrogates included (as the invalid UTF-8 a client could send). */
function enc(v: string): string {
  try {
    return encodeURIComponent(v)
  } catch {
    return '%ED%A0%80'
  }
}

const json = { 'content-type': 'application/json' }
/** Runs `RUNS` cases; stops at the first failure and reports it shortly (a case may hold a 1 MB string). */
const property = <T>(arb: fc.Arbitrary<T>, run: (v: T) => Promise<void>) =>
  fc.assert(fc.asyncProperty(arb, run), {
    numRuns: RUNS,
    endOnFailure: true,
    asyncReporter: async (out) => {
      if (!out.failed) return
      const cause = out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance)
      throw new Error(
        `${fc.defaultReportMessage(out)}\nCaused by: ${cause}`.replace(/(.{300})[^\n]{300,}/g, '$1…'),
      )
    },
  })

const REFS = ['accounts.account', 'contacts.contact', 'leads.lead', 'deals.deal', 'deals.stage']

describe('bad input, generated from the metadata', () => {
  for (const ref of REFS) {
    it(`POST /records/${ref}: mutated bodies`, async () => {
      await property(mutation(ref), async (m) => {
        const body = { ...validBody(ref), ...m }
        await check(`create ${ref}`, () => admin.post(`/api/v1/records/${ref}`, body), Object.keys(m))
      })
    })

    it(`PATCH /records/${ref}/:id: mutated changes`, async () => {
      const id = seed.ids[ref]
      await property(mutation(ref), async (m) => {
        const current = await admin.get(`/api/v1/records/${ref}/${id}`)
        const body = { version: current.body.version, ...m }
        await check(`update ${ref}`, () => admin.patch(`/api/v1/records/${ref}/${id}`, body), Object.keys(m))
      })
    })

    it(`GET /records/${ref}: filters, sorts, cursors and limits that do not parse`, async () => {
      const e = t.core.registry.entities.get(ref)!
      const field = fc.oneof(
        fc.constantFrom(...Object.keys(e.fields), 'id', 'owner', 'createdAt'),
        fc.string({ maxLength: 20 }),
      )
      const op = fc.constantFrom(
        'eq',
        'ne',
        'lt',
        'gte',
        'in',
        'between',
        'contains',
        'startsWith',
        'isNull',
        'like',
        '',
      )
      const param = fc.oneof(
        fc
          .tuple(field, op, hostileParam())
          .map(([f, o, v]) => [`filter[${f}]${o ? `[${o}]` : ''}`, v] as const),
        fc.tuple(
          fc.constantFrom('sort', 'cursor', 'limit', 'q', 'count', 'fields', 'filter', 'filter[]'),
          hostileParam(),
        ),
      )
      const sortAndCursor = fc
        .tuple(fc.constantFrom(...Object.keys(e.fields), 'createdAt', 'id', '-updatedAt'), hostileParam())
        .map(([s, c]) => [['sort', s] as const, ['cursor', c] as const])
      await property(
        fc.oneof(fc.array(param, { minLength: 1, maxLength: 4 }), sortAndCursor),
        async (params) => {
          const qs = new URLSearchParams(params.map(([k, v]) => [k, v])).toString()
          await check(`list ${ref}`, () => admin.get(`/api/v1/records/${ref}?${qs}`), null)
        },
      )
    })
  }

  it('keys that name prototype properties are unknown fields, on create and update', async () => {
    const keys = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype']
    const faults: string[] = []
    for (const ref of REFS) {
      for (const key of keys) {
        const raw = (extra: Record<string, unknown>) =>
          JSON.stringify({ ...extra, [key]: 'x' }).replace('"__proto__"', '"__proto__"')
        const create = await collect(
          faults,
          'prototype keys',
          `POST ${ref} {${key}}`,
          () => admin.request('POST', `/api/v1/records/${ref}`, raw(validBody(ref)), json),
          [key],
        )
        const current = await admin.get(`/api/v1/records/${ref}/${seed.ids[ref]}`)
        const update = await collect(
          faults,
          'prototype keys',
          `PATCH ${ref} {${key}}`,
          () =>
            admin.request(
              'PATCH',
              `/api/v1/records/${ref}/${seed.ids[ref]}`,
              raw({ version: current.body.version }),
              json,
            ),
          [key],
        )
        for (const [op, r] of [
          ['POST', create],
          ['PATCH', update],
        ] as const)
          if (r && (r.status !== 422 || !r.body.errors?.some((e: any) => e.path === key)))
            faults.push(`${op} ${ref} {${key}} → ${r.status} instead of 422 naming ${key}`)
      }
    }
    expect(faults).toEqual([])
  })

  it('null and empty values for every field of every entity, on create and update', async () => {
    const faults: string[] = []
    for (const ref of REFS) {
      const e = t.core.registry.entities.get(ref)!
      for (const [name, f] of Object.entries(e.fields)) {
        if (f.type === 'computed') continue
        for (const value of f.type === 'boolean' || f.type === 'address' ? [null, '', [], {}] : [null, '']) {
          const what = `${ref}.${name} = ${JSON.stringify(value)}`
          await collect(
            faults,
            'empty values',
            `POST ${what}`,
            () => admin.post(`/api/v1/records/${ref}`, { ...validBody(ref), [name]: value }),
            [name],
          )
          const current = await admin.get(`/api/v1/records/${ref}/${seed.ids[ref]}`)
          const patch = { version: current.body.version, [name]: value }
          await collect(
            faults,
            'empty values',
            `PATCH ${what}`,
            () => admin.patch(`/api/v1/records/${ref}/${seed.ids[ref]}`, patch),
            [name],
          )
        }
      }
    }
    expect(faults).toEqual([])
  })

  it('every list, search and trash parameter with every payload of the corpus', async () => {
    const payloads = [...SQL_PAYLOADS, ...HTML_PAYLOADS, ...ODD_TEXT, ...BAD_DATES]
    const cursor = (v: unknown[]) => Buffer.from(JSON.stringify(v)).toString('base64url')
    const gets: string[] = []
    for (const p of payloads) {
      const v = enc(p)
      for (const ref of ['accounts.account', 'deals.deal']) {
        gets.push(
          `/api/v1/records/${ref}?q=${v}`,
          `/api/v1/records/${ref}?filter[id][eq]=${v}`,
          `/api/v1/records/${ref}?sort=${v}`,
        )
        gets.push(
          `/api/v1/records/${ref}?cursor=${cursor([p, p])}`,
          `/api/v1/records/${ref}?sort=-createdAt&cursor=${cursor([p, p])}`,
        )
      }
      gets.push(
        `/api/v1/records/accounts.account?filter[name][contains]=${v}`,
        `/api/v1/records/accounts.account?filter[name][startsWith]=${v}`,
      )
      gets.push(
        `/api/v1/records/deals.deal?filter[closeDate][between]=${v},${v}`,
        `/api/v1/records/deals.deal?filter[amount][gte]=${v}`,
      )
      gets.push(
        `/api/v1/search?q=${v}`,
        `/api/v1/trash?q=${v}`,
        `/api/v1/trash?from=${v}`,
        `/api/v1/trash?cursor=${cursor([p, p])}`,
      )
      gets.push(`/api/v1/p/leads/duplicates?company=${v}&email=${v}&lastName=${v}`)
    }
    const faults: string[] = []
    for (const path of gets)
      await collect(faults, 'corpus parameters', path.slice(0, 120), () => admin.get(path), null)
    expect(faults).toEqual([])
  })

  it('POST /records/leads.lead/:id/actions/convert: hostile conversion requests', async () => {
    const spec = fc.record(
      { account: hostileValue(false), contact: hostileValue(false), deal: hostileValue(false) },
      { requiredKeys: [] },
    )
    const target = fc.record(
      {
        mode: fc.constantFrom('create', 'existing', 'x'),
        id: hostileValue(false),
        data: hostileValue(false),
      },
      { requiredKeys: [] },
    )
    const body = fc.oneof(spec, fc.record({ account: target, contact: target }, { requiredKeys: [] }))
    await property(body, async (b) => {
      const lead = await admin.post('/api/v1/records/leads.lead', { lastName: 'Conv', company: 'Conv SARL' })
      written = ''
      const r = await check(
        'convert',
        () => admin.post(`/api/v1/records/leads.lead/${lead.body.id}/actions/convert`, b),
        Object.keys(b),
      )
      expect(r.status).not.toBe(500)
    })
  })

  it('links, bulk operations and trash actions with hostile bodies and ids', async () => {
    const contact = seed.ids['contacts.contact']
    const op = fc.oneof(
      fc
        .record({ target: hostileValue(false), role: hostileValue(false) })
        .map((b) => ['POST', `/api/v1/records/contacts.contact/${contact}/links/accounts`, b] as const),
      fc
        .record(
          {
            action: fc.oneof(fc.constantFrom('delete', 'update'), hostileValue(false)),
            ids: hostileValue(),
            data: hostileValue(false),
          },
          { requiredKeys: ['action'] },
        )
        .map((b) => ['POST', '/api/v1/records/accounts.account/bulk', b] as const),
      hostileParam().map((id) => ['POST', `/api/v1/trash/accounts.account/${enc(id)}/restore`, {}] as const),
      hostileParam().map(
        (id) => ['GET', `/api/v1/records/accounts.account/${enc(id)}/history`, undefined] as const,
      ),
    )
    await property(op, async ([method, path, body]) => {
      const sent = body && typeof body === 'object' ? [...Object.keys(body), 'ids', 'target'] : null
      await check('links, bulk, trash', () => admin.request(method, path, body), sent)
    })
  })

  it('search, trash list and duplicate check with parameters that do not parse', async () => {
    const route = fc.constantFrom(
      '/api/v1/search',
      '/api/v1/trash',
      '/api/v1/p/leads/duplicates',
      '/api/v1/admin/audit',
      '/api/v1/notifications',
    )
    const key = fc.constantFrom(
      'q',
      'cursor',
      'limit',
      'from',
      'to',
      'deletedBy',
      'entity',
      'email',
      'phone',
      'company',
      'event',
      'user',
    )
    await property(
      fc.tuple(route, fc.array(fc.tuple(key, hostileParam()), { minLength: 1, maxLength: 3 })),
      async ([path, params]) => {
        await check(
          'search, trash, duplicates',
          () => admin.get(`${path}?${new URLSearchParams(params)}`),
          null,
        )
      },
    )
  })

  it('raw bodies: broken JSON, duplicate keys, 1,000- and 100,000-deep nesting, non-objects', async () => {
    const raw = [
      '{"name": "a", "name": {"$gt": ""}}',
      '{"name": "Doublon", "name": "Doublon", "__proto__": {"isAdmin": true}}',
      `{"name": "deep", "description": ${'['.repeat(1000)}${']'.repeat(1000)}}`,
      `{"name": "deeper", "description": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
      `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`,
      '{"name": "x"',
      '[]',
      '"text"',
      'null',
      '1e999',
      '\u0000',
      '{"name": "\\ud800"}',
      '{"name": "\\u0000"}',
    ]
    for (const ref of REFS)
      for (const body of raw)
        for (const [method, path] of [
          ['POST', `/api/v1/records/${ref}`],
          ['PATCH', `/api/v1/records/${ref}/${seed.ids[ref]}`],
        ])
          await check('raw bodies', () => admin.request(method, path, body, json), null)
  })

  it('bodies above the size limit get 413 on every write route, and write nothing', async () => {
    const limit = t.core.config.bodyLimit
    const big = JSON.stringify({ name: 'x'.repeat(limit) })
    // Import files stream under their own limit (next test); every other write takes JSON bodies.
    const writes = t.app.routes.filter(
      (r) =>
        r.method !== 'ALL' &&
        r.method !== 'GET' &&
        r.path.startsWith('/api/') &&
        !(r.method === 'POST' && r.path === '/api/v1/import/:entity'),
    )
    const tried = new Set<string>()
    for (const r of writes) {
      const path = r.path
        .replace(':entity', 'accounts.account')
        .replace(/:(id|target|userId)\b/g, seed.ids['accounts.account'])
        .replace(/:\w+/g, 'x')
      if (tried.has(`${r.method} ${path}`)) continue
      tried.add(`${r.method} ${path}`)
      const res = await check('over the limit', () => admin.request(r.method, path, big, json), null)
      expect(res.status, `${r.method} ${r.path}`).toBe(413)
    }
    expect(tried.size).toBeGreaterThan(20)
  })

  it('an import file above the JSON body limit is still accepted: import files have their own limit', async () => {
    const rows = Math.ceil((2 * t.core.config.bodyLimit) / 20)
    const csv = [
      'name',
      ...Array.from({ length: rows }, (_, i) => `Grand import ${String(i).padStart(8, '0')}`),
    ].join('\n')
    const r = await admin.request('POST', '/api/v1/import/accounts.account?mode=create&dryRun=true', csv, {
      'content-type': 'text/csv',
    })
    expect(r.status, JSON.stringify(r.body).slice(0, 200)).toBe(202)
  })
})
