import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { definePlugin, extendEntity } from '../src/index'
import { defineServerPlugin } from '../src/server'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'

const scoring = defineServerPlugin(
  definePlugin({
    id: 'scoring',
    version: '1.0.0',
    core: '>=0.1.0',
    dependsOn: { crm: '^1.0.0' },
    extends: [extendEntity('crm.company', { actions: [{ id: 'qualify' }] })],
    i18n: {
      fr: { 'plugin.title': 'Scoring', 'action.company.qualify': 'Qualifier' },
      en: { 'plugin.title': 'Scoring', 'action.company.qualify': 'Qualify' },
    },
    roleTemplates: { 'sales-rep': { grants: { 'crm.company.qualify': 'own' } } },
  }),
  {},
)

let t: TestCore
let admin: TestClient
let adminEn: TestClient
let rep: TestClient
let other: TestClient
let mine: string
let theirs: string

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm, scoring] })
  admin = await t.as('acme')
  adminEn = await t.as('acme', { admin: true, name: 'Ada' })
  await adminEn.patch('/api/v1/auth/me', { locale: 'en' })
  rep = await t.as('acme', {
    roles: ['sales-rep'],
    name: 'Lucie Martin',
    grants: { 'crm.company.read': 'own' },
    fields: { 'crm.company.secret': 'hidden' },
  })
  other = await t.as('acme', { roles: ['sales-rep'], name: 'Bruno Petit' })
  mine = (await rep.post('/api/v1/records/crm.company', { name: 'Chez Lucie' })).body.id
  theirs = (await other.post('/api/v1/records/crm.company', { name: 'Chez Bruno' })).body.id
})
afterAll(() => t?.close())

const byAction = (body: any) => Object.fromEntries(body.actions.map((a: any) => [a.action, a]))

describe('access explanation', () => {
  it('explains, per action, which role grants what scope and whether it covers the record’s owner', async () => {
    const r = await admin.get(`/api/v1/admin/access?user=${rep.userId}&entity=crm.company&id=${theirs}`)
    expect(r.status).toBe(200)
    expect(r.body.record).toMatchObject({
      id: theirs,
      title: 'Chez Bruno',
      owner: { id: other.userId, name: 'Bruno Petit' },
    })
    const a = byAction(r.body)
    expect(Object.keys(a)).toEqual([
      'read',
      'create',
      'update',
      'delete',
      'restore',
      'purge',
      'import',
      'export',
      'qualify',
    ])
    expect(a.qualify).toMatchObject({
      kind: 'action',
      permission: 'crm.company.qualify',
      allowed: false,
      reason: 'out-of-scope',
    })
    expect(a.qualify.explanation).toMatch(/^Qualifier\u00a0: refusé/)
    expect(a.read).toMatchObject({
      allowed: true,
      scope: 'all',
      ownerCovered: true,
      reason: 'granted',
      grantedBy: [{ name: 'Commercial', scope: 'all' }],
    })
    expect(a.read.explanation).toBe(
      'Lire\u00a0: autorisé par le rôle «\u202fCommercial\u202f» (tous les enregistrements), ce qui couvre cet enregistrement de Bruno Petit.',
    )
    expect(a.update).toMatchObject({
      allowed: false,
      scope: 'own',
      ownerCovered: false,
      reason: 'out-of-scope',
    })
    expect(a.update.explanation).toBe(
      'Modifier\u00a0: refusé\u202f; la portée accordée (ses propres enregistrements, par le rôle «\u202fCommercial\u202f») ne couvre pas cet enregistrement de Bruno Petit.',
    )
    expect(a.delete).toMatchObject({ allowed: false, reason: 'no-grant', grantedBy: [] })
    expect(a.delete.explanation).toContain('n’accorde la permission crm.company.delete')
    expect(a.create).toMatchObject({ allowed: true, ownerCovered: null })
  })

  it('shows the same decision the records engine makes', async () => {
    const own = byAction(
      (await admin.get(`/api/v1/admin/access?user=${rep.userId}&entity=crm.company&id=${mine}`)).body,
    )
    expect(own.update).toMatchObject({ allowed: true, ownerCovered: true })
    expect(own.qualify).toMatchObject({ allowed: true, label: 'Qualifier' })
    const v1 = (await rep.get(`/api/v1/records/crm.company/${mine}`)).body.version
    expect(
      (await rep.patch(`/api/v1/records/crm.company/${mine}`, { version: v1, name: 'Chez Lucie 2' })).status,
    ).toBe(200)
    const v2 = (await rep.get(`/api/v1/records/crm.company/${theirs}`)).body.version
    expect(
      (await rep.patch(`/api/v1/records/crm.company/${theirs}`, { version: v2, name: 'Non' })).status,
    ).toBe(403)
    const person = (await other.post('/api/v1/records/crm.person', { lastName: 'Client de Bruno' })).body.id
    const p = byAction(
      (await admin.get(`/api/v1/admin/access?user=${rep.userId}&entity=crm.person&id=${person}`)).body,
    )
    expect(p.read).toMatchObject({ allowed: false, reason: 'out-of-scope' })
    expect(p.create).toMatchObject({ allowed: true })
    expect((await rep.get(`/api/v1/records/crm.person/${person}`)).status).toBe(404)
  })

  it('explains field rules, and speaks the administrator’s language', async () => {
    const r = await adminEn.get(`/api/v1/admin/access?user=${rep.userId}&entity=crm.company&id=${mine}`)
    expect(r.body.fields).toHaveLength(1)
    expect(r.body.fields[0]).toMatchObject({ field: 'secret', label: 'Internal note', rule: null })
    expect(r.body.fields[0].explanation).toMatch(
      /^Field “Internal note”: restricted by the role “role-[^”]+”, but accessible through the role “Commercial”\.$/,
    )
    expect(byAction(r.body).read.explanation).toBe(
      'Read: allowed by the role “Commercial” (all records), which covers this record owned by Lucie Martin.',
    )
    const strict = await t.as('acme', {
      grants: { 'crm.company.read': 'all' },
      fields: { 'crm.company.secret': 'hidden', 'crm.company.revenue': 'readOnly' },
    })
    const s = await adminEn.get(`/api/v1/admin/access?user=${strict.userId}&entity=crm.company`)
    expect(s.body.record).toBeNull()
    expect(s.body.fields.map((f: any) => [f.field, f.rule]).sort()).toEqual([
      ['revenue', 'readOnly'],
      ['secret', 'hidden'],
    ])
    expect(s.body.fields.find((f: any) => f.field === 'secret').explanation).toMatch(
      /^Field “Internal note”: hidden by the role/,
    )
  })

  it('explains administrators and deactivated users', async () => {
    const a = byAction(
      (await admin.get(`/api/v1/admin/access?user=${adminEn.userId}&entity=crm.company&id=${mine}`)).body,
    )
    expect(a.purge).toMatchObject({ allowed: true, reason: 'admin' })
    expect(a.purge.explanation).toBe('Supprimer définitivement\u00a0: autorisé, car Ada administre l’espace.')
    await admin.post(`/api/v1/admin/users/${other.userId}/deactivate`)
    const d = byAction(
      (await admin.get(`/api/v1/admin/access?user=${other.userId}&entity=crm.company&id=${theirs}`)).body,
    )
    expect(d.read).toMatchObject({ allowed: false, reason: 'inactive' })
    await admin.post(`/api/v1/admin/users/${other.userId}/activate`)
  })

  it('explains that a disabled module gives no access', async () => {
    expect((await admin.post('/api/v1/admin/plugins/scoring/disable')).status).toBe(200)
    const off = byAction(
      (await admin.get(`/api/v1/admin/access?user=${rep.userId}&entity=crm.company&id=${mine}`)).body,
    )
    expect(off.qualify).toBeUndefined()
    expect((await admin.post('/api/v1/admin/plugins/crm/disable')).status).toBe(200)
    const r = await admin.get(`/api/v1/admin/access?user=${rep.userId}&entity=crm.company&id=${mine}`)
    expect(r.body.entity.enabled).toBe(false)
    expect(byAction(r.body).read).toMatchObject({ allowed: false, reason: 'plugin-disabled' })
    expect(byAction(r.body).read.explanation).toMatch(
      /^Lire\u00a0: refusé, car le module CRM.* n’est pas activé\.$/,
    )
    await admin.post('/api/v1/admin/plugins/scoring/enable')
  })

  it('names bad parameters and hides other tenants’ users and records', async () => {
    const bad = await admin.get('/api/v1/admin/access?entity=crm.nothing')
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: any) => e.path).sort()).toEqual(['entity', 'user'])
    expect(
      (await admin.get(`/api/v1/admin/access?user=${rep.userId}&entity=crm.company&id=nope`)).status,
    ).toBe(404)
    const globex = await t.as('globex')
    expect((await globex.get(`/api/v1/admin/access?user=${rep.userId}&entity=crm.company`)).status).toBe(404)
    expect(
      (await globex.get(`/api/v1/admin/access?user=${globex.userId}&entity=crm.company&id=${mine}`)).status,
    ).toBe(404)
    expect((await rep.get(`/api/v1/admin/access?user=${rep.userId}&entity=crm.company`)).status).toBe(403)
  })
})
