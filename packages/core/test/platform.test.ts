import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Validator } from '@seriousme/openapi-schema-validator'
import { createTestCore, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'
import notes from './fixtures/notes/server'

const TOKEN = 'platform-token-0123456789abcdef'
let t: TestCore

beforeAll(async () => {
  t = await createTestCore({
    plugins: [crm, notes],
    config: { platformToken: TOKEN, plans: { basic: ['crm'], full: '*' }, defaultPlan: 'full' },
  })
})
afterAll(() => t?.close())

function platform(method: string, path: string, body?: unknown, token = TOKEN) {
  return t.anonymous().request(method, path, body, { authorization: `Bearer ${token}` })
}

describe('platform operator API', () => {
  it('refuses a wrong or missing token', async () => {
    expect((await platform('GET', '/api/v1/platform/plans', undefined, 'nope')).status).toBe(401)
    expect((await t.anonymous().get('/api/v1/platform/plans')).status).toBe(401)
  })

  it('lists plans and creates a tenant whose admin can sign in', async () => {
    const plans = await platform('GET', '/api/v1/platform/plans')
    expect(plans.body.data).toEqual([
      { id: 'basic', plugins: ['crm'] },
      { id: 'full', plugins: ['crm', 'notes'] },
    ])
    const created = await platform('POST', '/api/v1/platform/tenants', {
      name: 'Boulangerie Martin',
      slug: 'martin',
      plan: 'basic',
      admin: { email: 'chef@martin.test', password: 'pain-au-chocolat', name: 'Chef' },
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ slug: 'martin', plan: 'basic', status: 'active' })
    const login = await t
      .anonymous()
      .post('/api/v1/auth/login', { email: 'chef@martin.test', password: 'pain-au-chocolat' })
    expect(login.status).toBe(200)
    expect(login.body.tenant.slug).toBe('martin')
    const dup = await platform('POST', '/api/v1/platform/tenants', {
      name: 'X',
      slug: 'martin',
      plan: 'basic',
      admin: { email: 'a@b.test', password: 'pain-au-chocolat', name: 'A' },
    })
    expect(dup.status).toBe(409)
    const bad = await platform('POST', '/api/v1/platform/tenants', {
      name: '',
      slug: 'Bad Slug',
      plan: 'gold',
      admin: {},
    })
    expect(bad.status).toBe(422)
    expect(bad.body.errors.map((e: any) => e.path)).toContain('slug')
  })

  it('gates plugins by plan and keeps data across a downgrade', async () => {
    const acme = await t.as('acme')
    const note = await acme.post('/api/v1/records/notes.note', { subject: 'Rappeler le client' })
    expect(note.status).toBe(201)
    const plugins = await acme.get('/api/v1/admin/plugins')
    expect(plugins.body.data.find((p: any) => p.id === 'notes')).toMatchObject({
      inPlan: true,
      enabled: true,
      dependsOn: ['crm'],
    })
    const blocked = await acme.post('/api/v1/admin/plugins/crm/disable')
    expect(blocked.status).toBe(409)
    expect(blocked.body.detail).toContain('notes')
    const down = await platform('PATCH', `/api/v1/platform/tenants/${t.tenants.acme.id}`, { plan: 'basic' })
    expect(down.status).toBe(200)
    const gone = await acme.get(`/api/v1/records/notes.note/${note.body.id}`)
    expect(gone.status).toBe(403)
    expect(gone.body.code).toBe('plugin-not-enabled')
    const boot = await acme.get('/api/v1/bootstrap')
    expect(Object.keys(boot.body.entities)).toEqual(['crm.company', 'crm.person'])
    expect(boot.body.entities['crm.company'].relatedLists.map((r: any) => r.entity)).not.toContain(
      'notes.note',
    )
    const refused = await acme.post('/api/v1/admin/plugins/notes/enable')
    expect(refused.status).toBe(403)
    expect(refused.body.code).toBe('plugin-not-in-plan')
    await platform('PATCH', `/api/v1/platform/tenants/${t.tenants.acme.id}`, { plan: 'full' })
    const back = await acme.get(`/api/v1/records/notes.note/${note.body.id}`)
    expect(back.body.subject).toBe('Rappeler le client')
  })

  it('suspends a tenant', async () => {
    const globex = await t.as('globex')
    expect((await globex.get('/api/v1/bootstrap')).status).toBe(200)
    await platform('PATCH', `/api/v1/platform/tenants/${t.tenants.globex.id}`, { status: 'suspended' })
    const r = await globex.get('/api/v1/bootstrap')
    expect(r.status).toBe(403)
    expect(r.body.code).toBe('tenant-suspended')
    await platform('PATCH', `/api/v1/platform/tenants/${t.tenants.globex.id}`, { status: 'active' })
  })

  it('serves a valid OpenAPI 3.1 document of the enabled entities', async () => {
    const acme = await t.as('acme')
    const doc = await acme.get('/api/v1/openapi.json')
    expect(doc.status).toBe(200)
    expect(Object.keys(doc.body.paths)).toContain('/api/v1/records/crm.company/{id}')
    expect(Object.keys(doc.body.paths)).toContain('/api/v1/p/notes/summary')
    const result = await new Validator().validate(doc.body)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    const paths = doc.body.paths
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/records/crm.company/bulk',
        '/api/v1/records/crm.person/{id}/links/companies',
        '/api/v1/records/crm.person/{id}/links/companies/{target}',
        '/api/v1/records/crm.company/{id}/links/companies.inverse',
        '/api/v1/trash/crm.company/{id}/restore',
        '/api/v1/trash/notes.note/{id}',
        '/api/v1/records/crm.company/{id}/related/notes.note.about',
      ]),
    )
    expect(paths['/api/v1/trash/crm.company/{id}'].delete.operationId).toBe('purge_crm_company')
    expect(paths['/api/v1/records/crm.person/{id}/links/companies/{target}'].delete).toBeTruthy()
    const filter = paths['/api/v1/records/crm.company'].get.parameters.find((p: any) => p.name === 'filter')
    expect(filter).toMatchObject({ in: 'query', style: 'deepObject' })
    expect(Object.keys(filter.schema.properties.revenue.properties)).toEqual(
      expect.arrayContaining(['lt', 'gte', 'between', 'isNull']),
    )
    expect(Object.keys(filter.schema.properties['address.city'].properties)).toContain('contains')
    expect(Object.keys(filter.schema.properties.kind.properties)).not.toContain('contains')
    const related = paths['/api/v1/records/crm.company/{id}/related/crm.person.company'].get.parameters
    expect(related.find((p: any) => p.name === 'filter').schema.properties).toHaveProperty('birthdate')

    await platform('PATCH', `/api/v1/platform/tenants/${t.tenants.acme.id}`, { plan: 'basic' })
    const basic = await acme.get('/api/v1/openapi.json')
    const left = Object.keys(basic.body.paths)
    expect(left.filter((p) => p.includes('notes'))).toEqual([])
    expect(left).toContain('/api/v1/trash/crm.company/{id}/restore')
    expect((await new Validator().validate(basic.body)).valid).toBe(true)
    await platform('PATCH', `/api/v1/platform/tenants/${t.tenants.acme.id}`, { plan: 'full' })
    expect(Object.keys((await acme.get('/api/v1/openapi.json')).body.paths)).toContain(
      '/api/v1/p/notes/summary',
    )
  })
})
