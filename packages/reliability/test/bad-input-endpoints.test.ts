/**
 * Generated bad input on every endpoint besides the records' own create, update and list (`bad-input`):
 * links, bulk, restore, history, search, trash, duplicates, audit, notifications, the administration
 * (users, roles, teams, custom fields, numbering, settings), views, API tokens, sign-in and the user's own
 * profile, import parameters and files, uploads and export parameters — each its own property of `RUNS`
 * cases, on one core.
 */
import { createTestCore, TEST_ORIGIN, type TestClient, type TestCore } from '@comptoir/core/testing'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { POSTGRES_URL, size } from '../src/budget'
import { createFuzz, type Fuzz } from '../src/fuzz-check'
import { hostileParam, hostileValue } from '../src/hostile-values'
import { PLUGINS } from '../src/plugins'
import { type SeededTenant, seedTenant } from '../src/seed-tenant'
import { type Answer, appFetcher, signIn } from '../src/session-client'
import { createTenantObjects, PNG, type TenantObjects } from '../src/tenant-objects'

/** 200 cases per endpoint in CI's PostgreSQL run, 50 in its PGlite run (the same code, on the time budget), 5,000 in the long form. */
const RUNS = size(POSTGRES_URL ? 200 : 50, 5_000)
let t: TestCore
let admin: TestClient
let seed: SeededTenant
let objects: TenantObjects
let fuzz: Fuzz
let cookie: string

beforeAll(async () => {
  t = await createTestCore({ plugins: PLUGINS, tenants: ['acme'] })
  admin = await t.as('acme')
  seed = await seedTenant(admin, 'Acme')
  objects = await createTenantObjects(t, admin, 'Acme')
  const session = await signIn(appFetcher(t.app), TEST_ORIGIN, {
    email: t.tenants.acme.adminEmail,
    password: t.tenants.acme.adminPassword,
  })
  cookie = session.cookie
  fuzz = createFuzz(t.db, admin.tenantId, RUNS)
})
afterAll(() => {
  console.log('bad input: cases per endpoint', fuzz?.counts)
  return t?.close()
})

const enc = (v: string) => {
  try {
    return encodeURIComponent(v)
  } catch {
    return '%ED%A0%80'
  }
}
const qs = (params: [string, string][]) => params.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')

/** One to three of `keys`, each with a hostile value (and sometimes an unknown key). */
function body(keys: string[], big = true): fc.Arbitrary<Record<string, unknown>> {
  const key = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...keys) }, fc.string({ maxLength: 20 }))
  return fc.dictionary(key, hostileValue(big), { minKeys: 1, maxKeys: 3 })
}

/** One to three of `keys` as query parameters with values that do not parse. */
function params(keys: string[]): fc.Arbitrary<[string, string][]> {
  return fc.array(fc.tuple(fc.constantFrom(...keys), hostileParam()), { minLength: 1, maxLength: 3 })
}

const send = (method: string, path: string, b?: unknown, headers?: Record<string, string>) => () =>
  admin.request(method, path, b, headers) as Promise<Answer>

/**
 * A JSON body endpoint: a valid body (`base`, read when the case runs) with hostile keys over it, so the
 * mutation is what is wrong; a 422 must name a key of the body sent.
 */
function bodyCase(
  label: string,
  method: string,
  path: () => string,
  keys: string[],
  base: () => Record<string, unknown> = () => ({}),
) {
  it(`${method} ${label}: hostile bodies`, () =>
    fuzz.property(body(keys), async (m) => {
      const b = { ...base(), ...m }
      // Bulk changes name the fields of `data` as they are.
      const inner = b.data && typeof b.data === 'object' ? Object.keys(b.data) : []
      await fuzz.check(label, send(method, path(), b), [...Object.keys(b), ...inner])
    }))
}

/** A GET endpoint with hostile query parameters. */
function queryCase(label: string, path: string, keys: string[]) {
  it(`GET ${label}: parameters that do not parse`, () =>
    fuzz.property(params(keys), async (p) => {
      await fuzz.check(label, send('GET', `${path}?${qs(p)}`), null)
    }))
}

describe('bad input on every other endpoint', () => {
  bodyCase(
    'links',
    'POST',
    () => `/api/v1/records/contacts.contact/${seed.ids['contacts.contact']}/links/accounts`,
    ['target', 'role'],
    () => ({ target: seed.otherAccountId }),
  )
  bodyCase(
    'bulk',
    'POST',
    () => '/api/v1/records/accounts.account/bulk',
    ['action', 'ids', 'data'],
    () => ({
      action: 'update',
      ids: [seed.ids['accounts.account']],
      data: { description: 'Fuzz' },
    }),
  )
  it('POST restore: hostile ids and bodies', () =>
    fuzz.property(fc.tuple(hostileParam(), body(['ids', 'force'], false)), async ([id, b]) => {
      await fuzz.check('restore', send('POST', `/api/v1/trash/accounts.account/${enc(id)}/restore`, b), null)
    }))
  it('GET history: hostile ids and parameters', () =>
    fuzz.property(
      fc.tuple(fc.oneof(hostileParam(), fc.constant('')), params(['limit', 'cursor', 'field'])),
      async ([id, p]) => {
        const rec = id || seed.ids['accounts.account']
        await fuzz.check(
          'history',
          send('GET', `/api/v1/records/accounts.account/${enc(rec)}/history?${qs(p)}`),
          null,
        )
      },
    ))
  queryCase('search', '/api/v1/search', ['q', 'limit', 'entity', 'perEntity'])
  queryCase('trash', '/api/v1/trash', ['q', 'cursor', 'limit', 'from', 'to', 'deletedBy', 'entity'])
  queryCase('duplicates', '/api/v1/p/leads/duplicates', [
    'company',
    'lastName',
    'email',
    'phone',
    'firstName',
  ])
  queryCase('audit', '/api/v1/admin/audit', ['cursor', 'limit', 'from', 'to', 'user', 'event', 'entity'])
  queryCase('notifications', '/api/v1/notifications', ['cursor', 'limit', 'unread'])
  queryCase('export', '/api/v1/export/accounts.account', [
    'q',
    'sort',
    'fields',
    'filter[name][contains]',
    'filter[createdAt][gte]',
    'filter[owner][eq]',
    'delimiter',
    'format',
    'bom',
  ])
  bodyCase(
    'admin users (create)',
    'POST',
    () => '/api/v1/admin/users',
    ['email', 'name', 'password', 'roles', 'teams', 'locale'],
    () => ({ email: 'fuzz@example.test', name: 'Fuzz' }),
  )
  bodyCase('admin users (update)', 'PATCH', () => `/api/v1/admin/users/${objects.userId}`, [
    'email',
    'name',
    'roles',
    'teams',
    'locale',
    'active',
  ])
  bodyCase(
    'admin roles',
    'POST',
    () => '/api/v1/admin/roles',
    ['name', 'grants', 'description'],
    () => ({
      name: 'Fuzz',
      grants: {},
    }),
  )
  bodyCase('admin teams', 'POST', () => '/api/v1/admin/teams', ['name', 'members', 'parent'])
  bodyCase(
    'admin custom fields',
    'POST',
    () => '/api/v1/admin/custom-fields',
    ['entity', 'name', 'type', 'labels', 'options', 'required'],
    () => ({ entity: 'accounts.account', name: 'fuzz', type: 'text', labels: { fr: 'Fuzz', en: 'Fuzz' } }),
  )
  bodyCase('admin numbering', 'PATCH', () => '/api/v1/admin/numbering', [
    'entity',
    'prefix',
    'padding',
    'next',
  ])
  bodyCase(
    'admin settings (company)',
    'PUT',
    () => '/api/v1/admin/settings/company',
    ['name', 'siren', 'vatNumber', 'address', 'currency', 'locale'],
    () => ({ name: 'Acme' }),
  )
  bodyCase('admin settings (trash)', 'PUT', () => '/api/v1/admin/settings/trash', ['retentionDays', 'days'])
  bodyCase(
    'views',
    'POST',
    () => '/api/v1/views',
    ['name', 'entity', 'shared', 'config'],
    () => ({
      name: 'Fuzz',
      entity: 'accounts.account',
    }),
  )
  bodyCase(
    'tokens',
    'POST',
    () => '/api/v1/auth/tokens',
    ['name', 'expiresAt', 'scopes'],
    () => ({
      name: 'Fuzz',
    }),
  )
  bodyCase('own profile', 'PATCH', () => '/api/v1/auth/me', ['name', 'locale', 'email', 'password'])

  it('POST sign-in: hostile credentials', () =>
    fuzz.property(body(['email', 'password', 'tenant'], false), async (m) => {
      const b = { email: t.tenants.acme.adminEmail, password: 'not the password', ...m }
      await fuzz.check(
        'sign-in',
        () => t.anonymous().request('POST', '/api/v1/auth/login', b) as Promise<Answer>,
        Object.keys(b),
        true,
      )
    }))

  it('POST import: hostile parameters and files', () => {
    const csv = fc.oneof(
      fc.constant('name\nFuzz import\n'),
      fc.string({ maxLength: 200 }),
      hostileParam().map((v) => `name,${v}\n${v},${v}\n`),
    )
    const keys = [
      'mode',
      'key',
      'dryRun',
      'createMissing',
      'delimiter',
      'encoding',
      'dateFormat',
      'decimal',
      'mapping',
      'preview',
    ]
    return fuzz.property(fc.tuple(params(keys), csv), async ([p, file]) => {
      const q = qs([['dryRun', 'true'], ...p])
      await fuzz.check(
        'import',
        send('POST', `/api/v1/import/accounts.account?${q}`, file, { 'content-type': 'text/csv' }),
        null,
      )
    })
  })

  it('POST files: hostile names, types, parts and contents', () => {
    const part = fc.record({
      field: fc.constantFrom('file', 'file', 'file', 'fichier', ''),
      name: fc.oneof(hostileParam(), fc.constantFrom('photo.png', '../../x.png', 'a'.repeat(1000), '')),
      type: fc.oneof(fc.constantFrom('image/png', 'text/html', 'application/x-php', ''), hostileParam()),
      bytes: fc.oneof(
        fc.constant(PNG),
        fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)),
      ),
    })
    return fuzz.property(part, async (f) => {
      const form = new FormData()
      form.append(f.field, new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name)
      await fuzz.check('files', async () => {
        const res = await t.app.request(`${TEST_ORIGIN}/api/v1/files`, {
          method: 'POST',
          headers: { origin: TEST_ORIGIN, cookie: `comptoir_session=${cookie}` },
          body: form,
        })
        const text = await res.text()
        let parsed: any = text
        try {
          parsed = JSON.parse(text)
        } catch {}
        return { status: res.status, body: parsed, headers: res.headers }
      }, ['file'])
    })
  })
})
