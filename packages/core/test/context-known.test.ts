/**
 * A read whose session and context this process knows starts before they are read again (on
 * PostgreSQL): whatever changed since — in this process or straight in the database, as another process
 * would — is still what the read obeys, and a read that finds its context moved is answered again. The
 * record engine's own writes start early too, and are rolled back and answered again in the same way;
 * other writes use the known context only once their session check has shown it unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RequestContext } from '../src/records/context'
import type { WithTenantOptions } from '../src/server'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'

let t: TestCore
let admin: TestClient
let companyId: string

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm] })
  admin = await t.as('acme')
  const co = await admin.post('/api/v1/records/crm.company', { name: 'Connue SA' })
  expect(co.status).toBe(201)
  companyId = co.body.id
})
afterAll(() => t?.close())

const company = (c: TestClient) => c.get(`/api/v1/records/crm.company/${companyId}`)
/** As another process would: a statement of its own, outside this app. */
const elsewhere = (text: string, params: unknown[] = []) =>
  t.core.withTenant(t.tenants.acme.id, (ctx) => ctx.tx.query(text, params))
const roleOf = async (c: TestClient) =>
  (await elsewhere('SELECT role_id FROM core_user_role WHERE user_id = $1', [c.userId]))[0].role_id as string

/** Counts the tenant transactions of requests, and those that started from a known context. */
function countTransactions() {
  const core = t.core as { withTenant: typeof t.core.withTenant }
  const unbound = core.withTenant
  const original: typeof unbound = unbound.bind(t.core)
  const seen = { all: 0, early: 0 }
  core.withTenant = <T>(id: string, fn: (ctx: RequestContext) => Promise<T>, o?: WithTenantOptions) => {
    seen.all++
    if (o?.speculate) seen.early++
    return original(id, fn, o)
  }
  return {
    seen,
    restore: () => {
      core.withTenant = unbound
    },
  }
}

describe('a read started from the context this process knows', () => {
  it('obeys a role edited in the administration from the very next read, both ways', async () => {
    const reader = await t.as('acme', { grants: { 'crm.company.read': 'all' } })
    expect((await company(reader)).status).toBe(200)
    expect((await company(reader)).body.name).toBe('Connue SA')
    const role = await roleOf(reader)
    expect((await admin.patch(`/api/v1/admin/roles/${role}`, { grants: {} })).status).toBe(200)
    const refused = await company(reader)
    expect(refused.status).toBe(403)
    expect(refused.body.name).toBeUndefined()
    const back = await admin.patch(`/api/v1/admin/roles/${role}`, { grants: { 'crm.company.read': 'all' } })
    expect(back.status).toBe(200)
    // Not the 403 the known context would still give.
    expect((await company(reader)).status).toBe(200)
  })

  it('obeys changes written straight into the database, as by another process', async () => {
    const reader = await t.as('acme', { grants: { 'crm.company.read': 'all' } })
    expect((await company(reader)).status).toBe(200)
    expect((await company(reader)).status).toBe(200)
    await elsewhere(`UPDATE core_role SET grants = '{}'::jsonb WHERE id = $1`, [await roleOf(reader)])
    expect((await company(reader)).status).toBe(403)

    expect((await company(admin)).status).toBe(200)
    await elsewhere(`UPDATE core_tenant_plugin SET enabled = false WHERE plugin_id = 'crm'`)
    const off = await company(admin)
    expect(off.status).toBe(403)
    expect(off.body.code).toBe('plugin-not-enabled')
    await elsewhere(`UPDATE core_tenant_plugin SET enabled = true WHERE plugin_id = 'crm'`)
    expect((await company(admin)).status).toBe(200)

    const byNote = () => admin.get('/api/v1/records/crm.company?filter[custom.note_interne]=x')
    expect((await byNote()).status).toBe(400)
    await elsewhere(
      `INSERT INTO core_custom_field (tenant_id, id, entity, name, type, label_fr, label_en)
       VALUES ($1, gen_random_uuid(), 'crm.company', 'note_interne', 'text', 'Note interne', 'Internal note')`,
      [t.tenants.acme.id],
    )
    // The field is known at once: the list filters on it.
    const filtered = await byNote()
    expect(filtered.status).toBe(200)
    expect(filtered.body.data).toEqual([])
  })

  it('refuses a read whose session ended or whose user was deactivated elsewhere, with nothing of the record', async () => {
    const ended = await t.as('acme', { grants: { 'crm.company.read': 'all' } })
    expect((await company(ended)).status).toBe(200)
    expect((await company(ended)).status).toBe(200)
    await t.db.system((tx) => tx.query('DELETE FROM core_session WHERE user_id = $1', [ended.userId]))
    const r = await company(ended)
    expect(r.status).toBe(401)
    expect(r.body.name).toBeUndefined()

    const gone = await t.as('acme', { grants: { 'crm.company.read': 'all' } })
    expect((await company(gone)).status).toBe(200)
    expect((await company(gone)).status).toBe(200)
    await elsewhere(`UPDATE core_user SET status = 'inactive' WHERE id = $1`, [gone.userId])
    const d = await company(gone)
    expect(d.status).toBe(401)
    expect(d.body.name).toBeUndefined()
  })

  it('answers again, from a fresh context, a read that found its context moved; other writes never start early', async () => {
    // PostgreSQL: a read starts early, finds the version moved, and is answered again. The embedded
    // database knows its own writes, so a read there never starts from a context it would have to doubt.
    const twice = t.db.writes ? 0 : 1
    expect((await company(admin)).status).toBe(200)
    const { seen, restore } = countTransactions()
    try {
      expect((await company(admin)).status).toBe(200)
      expect(seen).toEqual({ all: 1, early: 1 })
      await t.db.system((tx) =>
        tx.query('UPDATE core_tenant SET context_version = context_version + 1 WHERE id = $1', [
          t.tenants.acme.id,
        ]),
      )
      const again = await company(admin)
      expect(again.status).toBe(200)
      expect(again.body.name).toBe('Connue SA')
      expect(seen).toEqual({ all: 2 + twice, early: 2 })
      expect((await company(admin)).status).toBe(200)
      expect(seen).toEqual({ all: 3 + twice, early: 3 })
      // Any other write (here a bulk update) waits for its context.
      const bulk = await admin.post('/api/v1/records/crm.company/bulk', {
        ids: [companyId],
        action: 'update',
        data: { name: 'Connue SAS' },
      })
      expect(bulk.status).toBe(200)
      expect(bulk.body.count).toBe(1)
      expect(seen).toEqual({ all: 4 + twice, early: 3 })
    } finally {
      restore()
    }
  })

  it('keeps another tenant’s record out of reach with a known context', async () => {
    const globex = await t.as('globex')
    expect((await globex.get('/api/v1/records/crm.company')).status).toBe(200)
    expect((await company(globex)).status).toBe(404)
    expect((await company(globex)).status).toBe(404)
  })
})

describe('a write from the context this process knows', () => {
  const rename = async (c: TestClient, name: string) => {
    const version = (await company(admin)).body.version
    return c.patch(`/api/v1/records/crm.company/${companyId}`, { version, name })
  }

  it('obeys rights changed straight in the database, and a session ended, from the very next write', async () => {
    const editor = await t.as('acme', {
      grants: { 'crm.company.read': 'all', 'crm.company.update': 'all' },
    })
    expect((await rename(editor, 'Connue 1')).status).toBe(200)
    expect((await rename(editor, 'Connue 2')).status).toBe(200)
    const role = await roleOf(editor)
    await elsewhere(`UPDATE core_role SET grants = '{"crm.company.read": "all"}'::jsonb WHERE id = $1`, [
      role,
    ])
    const refused = await rename(editor, 'Connue 3')
    expect(refused.status).toBe(403)
    expect((await company(admin)).body.name).toBe('Connue 2')
    await elsewhere(
      `UPDATE core_role SET grants = '{"crm.company.read": "all", "crm.company.update": "all"}'::jsonb WHERE id = $1`,
      [role],
    )
    expect((await rename(editor, 'Connue 4')).status).toBe(200)
    await t.db.system((tx) => tx.query('DELETE FROM core_session WHERE user_id = $1', [editor.userId]))
    expect((await rename(editor, 'Connue 5')).status).toBe(401)
    expect((await company(admin)).body.name).toBe('Connue 4')
  })

  it('obeys a plugin turned off elsewhere', async () => {
    expect((await rename(admin, 'Connue 6')).status).toBe(200)
    await elsewhere(`UPDATE core_tenant_plugin SET enabled = false WHERE plugin_id = 'crm'`)
    try {
      const off = await admin.patch(`/api/v1/records/crm.company/${companyId}`, { version: 1, name: 'x' })
      expect(off.status).toBe(403)
      expect(off.body.code).toBe('plugin-not-enabled')
    } finally {
      await elsewhere(`UPDATE core_tenant_plugin SET enabled = true WHERE plugin_id = 'crm'`)
    }
    expect((await company(admin)).body.name).toBe('Connue 6')
  })

  it('is rolled back and answered again, once, when its context moved during the request', async () => {
    // PostgreSQL starts the write before its session check is back; the embedded database never does.
    const twice = t.db.writes ? 0 : 1
    const moveContext = () =>
      t.db.system((tx) =>
        tx.query('UPDATE core_tenant SET context_version = context_version + 1 WHERE id = $1', [
          t.tenants.acme.id,
        ]),
      )
    const before = (await company(admin)).body
    const { seen, restore } = countTransactions()
    try {
      await moveContext()
      const w = await admin.patch(`/api/v1/records/crm.company/${companyId}`, {
        version: before.version,
        name: 'Connue une fois',
      })
      expect(w.status).toBe(200)
      expect(w.body.name).toBe('Connue une fois')
      expect(w.body.version).toBe(before.version + 1)
      expect(seen).toEqual({ all: 1 + twice, early: 1 })
      const history = await admin.get(`/api/v1/records/crm.company/${companyId}/history`)
      const renamed = history.body.data.filter((h: { changes: { field: string; new: unknown }[] }) =>
        h.changes?.some((ch) => ch.field === 'name' && ch.new === 'Connue une fois'),
      )
      expect(renamed).toHaveLength(1)

      await moveContext()
      const created = await admin.post('/api/v1/records/crm.company', { name: 'Née une fois' })
      expect(created.status).toBe(201)
      const found = await admin.get(
        `/api/v1/records/crm.company?filter[name]=${encodeURIComponent('Née une fois')}`,
      )
      expect(found.body.data).toHaveLength(1)
      expect(found.body.data[0].id).toBe(created.body.id)

      await moveContext()
      const removed = await admin.delete(`/api/v1/records/crm.company/${created.body.id}`)
      expect(removed.status).toBe(200)
      expect((await admin.get(`/api/v1/records/crm.company/${created.body.id}`)).status).toBe(404)
    } finally {
      restore()
    }
  })

  it('writes nothing, created or changed, for a session ended or rights withdrawn elsewhere', async () => {
    const editor = await t.as('acme', {
      grants: { 'crm.company.read': 'all', 'crm.company.create': 'all', 'crm.company.delete': 'all' },
    })
    const made = await editor.post('/api/v1/records/crm.company', { name: 'Avant la fin' })
    expect(made.status).toBe(201)
    expect((await editor.post('/api/v1/records/crm.company', { name: 'Avant la fin 2' })).status).toBe(201)
    await elsewhere(`UPDATE core_role SET grants = '{"crm.company.read": "all"}'::jsonb WHERE id = $1`, [
      await roleOf(editor),
    ])
    expect((await editor.post('/api/v1/records/crm.company', { name: 'Sans droit' })).status).toBe(403)
    expect((await editor.delete(`/api/v1/records/crm.company/${made.body.id}`)).status).toBe(403)
    await t.db.system((tx) => tx.query('DELETE FROM core_session WHERE user_id = $1', [editor.userId]))
    expect((await editor.post('/api/v1/records/crm.company', { name: 'Après la fin' })).status).toBe(401)
    const names = (await admin.get('/api/v1/records/crm.company?limit=200')).body.data.map(
      (r: { name: string }) => r.name,
    )
    expect(names).toContain('Avant la fin')
    expect(names).not.toContain('Sans droit')
    expect(names).not.toContain('Après la fin')
  })
})
