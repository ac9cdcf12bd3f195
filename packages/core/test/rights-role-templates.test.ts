import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { definePlugin } from '../src/index'
import { defineServerPlugin } from '../src/server'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'

const TOKEN = 'platform-token-0123456789abcdef'

/** A plugin that adds nothing but grants: its role templates widen the CRM's. */
const extras = defineServerPlugin(
  definePlugin({
    id: 'extras',
    version: '1.0.0',
    core: '>=0.1.0',
    dependsOn: { crm: '^1.0.0' },
    roleTemplates: {
      'sales-rep': { grants: { 'crm.person.update': 'own', 'crm.company.delete': 'own' } },
      'read-only': { grants: { 'crm.person.read': 'all' } },
    },
    i18n: { fr: { 'plugin.title': 'Extras' }, en: { 'plugin.title': 'Extras' } },
  }),
  {},
)

let t: TestCore
let admin: TestClient

beforeAll(async () => {
  t = await createTestCore({
    plugins: [crm, extras],
    tenants: ['acme'],
    config: { platformToken: TOKEN, plans: { basic: ['crm'], full: '*' }, defaultPlan: 'basic' },
  })
  admin = await t.as('acme')
})
afterAll(() => t?.close())

const role = async (template: string) =>
  (await admin.get('/api/v1/admin/roles')).body.data.find((r: any) => r.template === template)

describe('role templates of a plugin enabled later', () => {
  it('adds the plugin’s grants, keeps the administrator’s edits, and does not bring back what they removed', async () => {
    const rep = await role('sales-rep')
    expect(rep.grants).toEqual({
      'crm.company.read': 'all',
      'crm.company.create': 'all',
      'crm.company.update': 'own',
      'crm.person.read': 'own',
      'crm.person.create': 'own',
    })
    expect(await role('read-only')).toBeUndefined()
    // The administrator narrows one grant and removes another.
    const { 'crm.person.create': _removed, ...kept } = rep.grants
    const edited = await admin.patch(`/api/v1/admin/roles/${rep.id}`, {
      name: 'Commercial terrain',
      grants: { ...kept, 'crm.company.read': 'own' },
    })
    expect(edited.status).toBe(200)

    const up = await t.anonymous().request(
      'PATCH',
      `/api/v1/platform/tenants/${t.tenants.acme.id}`,
      { plan: 'full' },
      {
        authorization: `Bearer ${TOKEN}`,
      },
    )
    expect(up.status).toBe(200)
    expect((await admin.post('/api/v1/admin/plugins/extras/enable')).status).toBe(200)
    const after = await role('sales-rep')
    expect(after.name).toBe('Commercial terrain')
    expect(after.grants).toEqual({
      'crm.company.read': 'own',
      'crm.company.create': 'all',
      'crm.company.update': 'own',
      'crm.person.read': 'own',
      'crm.person.update': 'own',
      'crm.company.delete': 'own',
    })
    expect((await role('read-only')).grants).toEqual({ 'crm.person.read': 'all' })

    // The administrator removes one of the plugin's grants; disabling and enabling it again keeps it removed.
    const { 'crm.company.delete': _gone, ...withoutDelete } = after.grants
    expect((await admin.patch(`/api/v1/admin/roles/${after.id}`, { grants: withoutDelete })).status).toBe(200)
    expect((await admin.post('/api/v1/admin/plugins/extras/disable')).status).toBe(200)
    expect((await admin.post('/api/v1/admin/plugins/extras/enable')).status).toBe(200)
    const again = await role('sales-rep')
    expect(again.grants).toEqual(withoutDelete)
    expect(again.grants).not.toHaveProperty('crm.person.create')
  })
})
