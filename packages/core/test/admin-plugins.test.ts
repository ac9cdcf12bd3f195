import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { definePlugin } from '../src/index'
import { ConflictError, defineServerPlugin } from '../src/server'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'
import notes from './fixtures/notes/server'

const TOKEN = 'platform-token-admin-plugins-0123'
/** When set, the `extras` plugin's seed refuses: enabling it fails half-way. */
const seedFails = { on: false }

const extras = defineServerPlugin(
  definePlugin({
    id: 'extras',
    version: '1.0.0',
    core: '>=0.1.0',
    i18n: { fr: { 'plugin.title': 'Extras' }, en: { 'plugin.title': 'Extras' } },
  }),
  {
    seed: async () => {
      if (seedFails.on) throw new ConflictError('seed-refused', 'The extras seed refused')
    },
  },
)

let t: TestCore
let acme: TestClient
let globex: TestClient

beforeAll(async () => {
  t = await createTestCore({
    plugins: [crm, notes, extras],
    config: {
      platformToken: TOKEN,
      plans: { basic: ['crm'], pro: ['crm', 'notes'], full: '*' },
      defaultPlan: 'pro',
    },
  })
  acme = await t.as('acme')
  globex = await t.as('globex')
})
afterAll(() => t?.close())

const platform = (method: string, path: string, body?: unknown) =>
  t.anonymous().request(method, path, body, { authorization: `Bearer ${TOKEN}` })
const setPlan = (slug: string, plan: string) =>
  platform('PATCH', `/api/v1/platform/tenants/${t.tenants[slug].id}`, { plan })
const enabled = async (client: TestClient) =>
  ((await client.get('/api/v1/admin/plugins')).body.data as { id: string; enabled: boolean }[])
    .filter((p) => p.enabled)
    .map((p) => p.id)

describe('tenant admin plugins API', () => {
  it('lists plugins with version, plan and dependencies', async () => {
    const r = await acme.get('/api/v1/admin/plugins')
    expect(r.status).toBe(200)
    expect(r.body.data).toEqual([
      expect.objectContaining({ id: 'crm', version: '1.0.0', inPlan: true, enabled: true, dependsOn: [] }),
      expect.objectContaining({ id: 'extras', version: '1.0.0', inPlan: false, enabled: false }),
      expect.objectContaining({
        id: 'notes',
        version: '1.2.0',
        inPlan: true,
        enabled: true,
        dependsOn: ['crm'],
      }),
    ])
  })

  it('refuses to disable a plugin another enabled plugin needs, naming it', async () => {
    const r = await acme.post('/api/v1/admin/plugins/crm/disable')
    expect(r.status).toBe(409)
    expect(r.body).toMatchObject({ code: 'plugin-required', requiredBy: ['notes'] })
    expect(r.body.detail).toContain('"notes"')
    expect(await enabled(acme)).toEqual(['crm', 'notes'])
  })

  it('closes a disabled plugin’s own routes with 403 plugin-not-enabled, and enabling brings its dependencies', async () => {
    expect((await acme.get('/api/v1/p/notes/summary')).status).toBe(200)
    expect((await acme.post('/api/v1/admin/plugins/notes/disable')).status).toBe(200)
    expect((await acme.post('/api/v1/admin/plugins/crm/disable')).status).toBe(200)
    expect(await enabled(acme)).toEqual([])
    const closed = await acme.get('/api/v1/p/notes/summary')
    expect(closed.status).toBe(403)
    expect(closed.body.code).toBe('plugin-not-enabled')
    expect((await acme.get('/api/v1/records/crm.company')).body.code).toBe('plugin-not-enabled')

    const on = await acme.post('/api/v1/admin/plugins/notes/enable')
    expect(on.status).toBe(200)
    expect(on.body.enabled).toEqual(['crm', 'notes'])
    expect(await enabled(acme)).toEqual(['crm', 'notes'])
    expect((await acme.get('/api/v1/p/notes/summary')).status).toBe(200)
  })

  it('refuses what the plan lacks, naming the plugin', async () => {
    const r = await acme.post('/api/v1/admin/plugins/extras/enable')
    expect(r.status).toBe(403)
    expect(r.body).toMatchObject({ code: 'plugin-not-in-plan', missing: ['extras'] })
    expect(r.body.detail).toContain('"extras"')
    expect(r.headers.get('content-type')).toContain('application/problem+json')
  })
})

describe('plan changes', () => {
  it('never deletes data: a downgrade hides it, an upgrade brings it back', async () => {
    const note = await globex.post('/api/v1/records/notes.note', { subject: 'À garder' })
    expect(note.status).toBe(201)
    expect((await setPlan('globex', 'basic')).status).toBe(200)
    expect(await enabled(globex)).toEqual(['crm'])
    expect((await globex.get(`/api/v1/records/notes.note/${note.body.id}`)).status).toBe(403)
    expect((await globex.get('/api/v1/p/notes/summary')).body.code).toBe('plugin-not-enabled')
    expect((await setPlan('globex', 'full')).status).toBe(200)
    expect(await enabled(globex)).toEqual(['crm', 'extras', 'notes'])
    const back = await globex.get(`/api/v1/records/notes.note/${note.body.id}`)
    expect(back.status).toBe(200)
    expect(back.body).toMatchObject({ subject: 'À garder', version: 1 })
  })

  it('does not re-enable a plugin the tenant admin turned off', async () => {
    expect((await acme.post('/api/v1/admin/plugins/notes/disable')).status).toBe(200)
    expect((await setPlan('acme', 'full')).status).toBe(200)
    // Newly available: enabled. Turned off by the admin: stays off.
    expect(await enabled(acme)).toEqual(['crm', 'extras'])
    expect((await setPlan('acme', 'basic')).status).toBe(200)
    expect((await setPlan('acme', 'pro')).status).toBe(200)
    expect(await enabled(acme)).toEqual(['crm'])
    // The admin's own choice still works, and is remembered the other way too.
    expect((await acme.post('/api/v1/admin/plugins/notes/enable')).status).toBe(200)
    expect((await setPlan('acme', 'basic')).status).toBe(200)
    expect((await setPlan('acme', 'pro')).status).toBe(200)
    expect(await enabled(acme)).toEqual(['crm', 'notes'])
  })

  it('changes the plan in one transaction: a plugin that fails to enable leaves the tenant as it was', async () => {
    expect((await setPlan('acme', 'basic')).status).toBe(200)
    seedFails.on = true
    try {
      const r = await setPlan('acme', 'full')
      expect(r.status).toBe(409)
      expect(r.body.code).toBe('seed-refused')
    } finally {
      seedFails.on = false
    }
    const tenants = await platform('GET', '/api/v1/platform/tenants')
    expect(tenants.body.data.find((x: any) => x.slug === 'acme').plan).toBe('basic')
    expect(await enabled(acme)).toEqual(['crm'])
    expect((await setPlan('acme', 'full')).status).toBe(200)
    expect(await enabled(acme)).toEqual(['crm', 'extras', 'notes'])
  })
})
