import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, TEST_PASSWORD, type TestClient, type TestCore } from '../src/testing'
import { signIn } from './auth-http'
import crm from './fixtures/crm/server'

let t: TestCore
let admin: TestClient
let globex: TestClient

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm] })
  admin = await t.as('acme')
  globex = await t.as('globex')
})
afterAll(() => t?.close())

describe('roles', () => {
  it('lists the roles the plugins’ templates created, and what a role may grant', async () => {
    const roles = await admin.get('/api/v1/admin/roles')
    const rep = roles.body.data.find((r: any) => r.template === 'sales-rep')
    expect(rep).toMatchObject({ name: 'Commercial', grants: { 'crm.company.read': 'all' }, users: 0 })
    const perms = await admin.get('/api/v1/admin/roles/permissions')
    const company = perms.body.data.find((e: any) => e.entity === 'crm.company')
    expect(company.permissions).toContain('crm.company.purge')
    expect(company.fields).toContain('secret')
  })

  it('creates a role whose grants and field rules the records engine then applies', async () => {
    const r = await admin.post('/api/v1/admin/roles', {
      name: 'Assistant',
      grants: { 'crm.company.read': 'all', 'crm.company.update': 'all' },
      fields: { 'crm.company.secret': 'hidden', 'crm.company.revenue': 'readOnly' },
    })
    expect(r.status).toBe(201)
    const user = await admin.post('/api/v1/admin/users', {
      email: 'assistant@acme.test',
      name: 'Assistant',
      password: 'un mot de passe sûr',
      roles: [r.body.id],
    })
    const co = await admin.post('/api/v1/records/crm.company', {
      name: 'Rôles SA',
      secret: 'x',
      revenue: '10',
    })
    const before = await t.as('acme', { roles: [], email: 'promue@acme.test' })
    await admin.patch(`/api/v1/admin/users/${before.userId}`, { roles: [r.body.id] })
    // A change of rights ends the user's sessions: they sign in again under the new role.
    expect((await before.get('/api/v1/auth/me')).status).toBe(401)
    const client = await signIn(t, 'promue@acme.test', TEST_PASSWORD)
    const got = await client.get(`/api/v1/records/crm.company/${co.body.id}`)
    expect(got.status).toBe(200)
    expect(got.body).not.toHaveProperty('secret')
    const w = await client.patch(`/api/v1/records/crm.company/${co.body.id}`, {
      version: got.body.version,
      revenue: '20',
    })
    expect(w.status).toBe(403)
    expect(w.body.errors[0].path).toBe('revenue')
    expect((await client.post('/api/v1/records/crm.company', { name: 'Non' })).status).toBe(403)
    const edited = await admin.patch(`/api/v1/admin/roles/${r.body.id}`, {
      grants: { 'crm.company.read': 'all', 'crm.company.create': 'own' },
    })
    expect(edited.status).toBe(200)
    expect((await client.post('/api/v1/records/crm.company', { name: 'Oui' })).status).toBe(201)
    const audit = (await admin.get('/api/v1/admin/audit?event=role.updated')).body.data[0]
    expect(audit.detail.grants).toEqual({
      'crm.company.update': { before: 'all', after: null },
      'crm.company.create': { before: null, after: 'own' },
    })
    expect(user.status).toBe(201)
  })

  it('names unknown permissions, scopes and fields, and saves nothing', async () => {
    const r = await admin.post('/api/v1/admin/roles', {
      name: 'Broken',
      grants: { 'crm.company.raed': 'all', 'crm.person.read': 'everything', 'crm.company.read': 'own' },
      fields: {
        'crm.company.nope': 'hidden',
        'crm.company.secret': 'invisible',
        'shop.item.price': 'hidden',
      },
    })
    expect(r.status).toBe(422)
    expect(r.body.errors.map((e: any) => `${e.path}:${e.code}`).sort()).toEqual([
      'fields.crm.company.nope:unknown_field',
      'fields.crm.company.secret:invalid_option',
      'fields.shop.item.price:unknown_field',
      'grants.crm.company.raed:unknown_permission',
      'grants.crm.person.read:invalid_option',
    ])
    expect((await admin.get('/api/v1/admin/roles')).body.data.map((x: any) => x.name)).not.toContain('Broken')
    const dup = await admin.post('/api/v1/admin/roles', { name: 'Commercial' })
    expect(dup.status).toBe(422)
    expect(dup.body.errors[0]).toMatchObject({ path: 'name', code: 'unique' })
  })

  it('accepts field rules on the tenant’s custom fields', async () => {
    await admin.post('/api/v1/admin/custom-fields', {
      entity: 'crm.company',
      name: 'rating',
      type: 'integer',
      labels: { fr: 'Note', en: 'Rating' },
    })
    const r = await admin.post('/api/v1/admin/roles', {
      name: 'Sans note',
      grants: { 'crm.company.read': 'all' },
      fields: { 'crm.company.custom.rating': 'hidden' },
    })
    expect(r.status).toBe(201)
  })

  it('refuses to delete a role users still hold', async () => {
    const role = await admin.post('/api/v1/admin/roles', {
      name: 'Temporaire',
      grants: { 'crm.person.read': 'own' },
    })
    const u = await admin.post('/api/v1/admin/users', {
      email: 'tmp@acme.test',
      name: 'Tmp',
      password: 'un mot de passe sûr',
      roles: [role.body.id],
    })
    const refused = await admin.delete(`/api/v1/admin/roles/${role.body.id}`)
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({ code: 'role-in-use', users: 1 })
    await admin.patch(`/api/v1/admin/users/${u.body.id}`, { roles: [] })
    expect((await admin.delete(`/api/v1/admin/roles/${role.body.id}`)).status).toBe(200)
    expect((await admin.get(`/api/v1/admin/roles/${role.body.id}`)).status).toBe(404)
    const e = (await admin.get('/api/v1/admin/audit?event=role.deleted')).body.data[0]
    expect(e.detail).toMatchObject({ name: 'Temporaire', grants: { 'crm.person.read': 'own' } })
  })

  it('is for administrators only, and another tenant’s roles do not exist', async () => {
    const user = await t.as('acme', { roles: ['sales-rep'] })
    const id = (await admin.get('/api/v1/admin/roles')).body.data[0].id
    expect((await user.get('/api/v1/admin/roles')).status).toBe(403)
    expect((await user.get('/api/v1/admin/roles/permissions')).status).toBe(403)
    expect(
      (await user.post('/api/v1/admin/roles', { name: 'Moi', grants: { 'crm.company.delete': 'all' } }))
        .status,
    ).toBe(403)
    expect(
      (await user.patch(`/api/v1/admin/roles/${id}`, { grants: { 'crm.company.delete': 'all' } })).status,
    ).toBe(403)
    expect((await user.delete(`/api/v1/admin/roles/${id}`)).status).toBe(403)
    expect((await globex.get(`/api/v1/admin/roles/${id}`)).status).toBe(404)
    expect((await globex.patch(`/api/v1/admin/roles/${id}`, { grants: {} })).status).toBe(404)
    expect((await globex.delete(`/api/v1/admin/roles/${id}`)).status).toBe(404)
    expect((await admin.get(`/api/v1/admin/roles/${id}`)).status).toBe(200)
  })
})
