import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'

let t: TestCore
let admin: TestClient
let other: TestClient

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm] })
  admin = await t.as('acme')
  other = await t.as('globex')
})
afterAll(() => t?.close())

describe('records', () => {
  it('creates, reads, lists, updates with versions, and numbers records', async () => {
    const a = await admin.post('/api/v1/records/crm.company', {
      name: 'Élodie Conseil',
      siren: '732 829 320',
      revenue: '1234.5',
    })
    expect(a.status).toBe(201)
    expect(a.body).toMatchObject({
      name: 'Élodie Conseil',
      number: 'CO-0001',
      siren: '732829320',
      revenue: '1234.50',
      kind: 'prospect',
      version: 1,
    })
    const b = await admin.post('/api/v1/records/crm.company', { name: 'Bernard SA' })
    expect(b.body.number).toBe('CO-0002')
    const list = await admin.get('/api/v1/records/crm.company?sort=name&count=true')
    expect(list.status).toBe(200)
    expect(list.body.data.map((r: any) => r.name)).toEqual(['Bernard SA', 'Élodie Conseil'])
    expect(list.body.total).toBe(2)
    const upd = await admin.patch(`/api/v1/records/crm.company/${a.body.id}`, {
      version: 1,
      kind: 'customer',
    })
    expect(upd.status).toBe(200)
    expect(upd.body).toMatchObject({ kind: 'customer', version: 2 })
    const stale = await admin.patch(`/api/v1/records/crm.company/${a.body.id}`, {
      version: 1,
      kind: 'supplier',
    })
    expect(stale.status).toBe(409)
    expect(stale.body.current).toMatchObject({ kind: 'customer', version: 2 })
    const hist = await admin.get(`/api/v1/records/crm.company/${a.body.id}/history`)
    expect(hist.body.data[0].changes).toEqual([{ field: 'kind', old: 'prospect', new: 'customer' }])
  })

  it('rejects bad input with a problem naming every field, and writes nothing', async () => {
    const r = await admin.post('/api/v1/records/crm.company', {
      name: '',
      siren: '123456789',
      kind: 'alien',
      bogus: 1,
      revenue: 'abc',
    })
    expect(r.status).toBe(422)
    expect(r.headers.get('content-type')).toContain('application/problem+json')
    const paths = r.body.errors.map((e: any) => e.path).sort()
    expect(paths).toEqual(['bogus', 'kind', 'name', 'revenue', 'siren'])
    expect(r.body.errors.find((e: any) => e.path === 'siren').message).toContain('SIREN')
    const list = await admin.get('/api/v1/records/crm.company?count=true')
    expect(list.body.total).toBe(2)
  })

  it('searches typo-tolerant and accent-insensitive', async () => {
    const r = await admin.get('/api/v1/records/crm.company?q=elodie')
    expect(r.body.data.map((x: any) => x.name)).toEqual(['Élodie Conseil'])
    const typo = await admin.get('/api/v1/records/crm.company?q=Bernrd')
    expect(typo.body.data.map((x: any) => x.name)).toContain('Bernard SA')
    const g = await admin.get('/api/v1/search?q=elodie')
    expect(g.body.groups[0].entity).toBe('crm.company')
  })

  it('pages with keyset cursors', async () => {
    for (let i = 0; i < 7; i++)
      await admin.post('/api/v1/records/crm.person', { lastName: `Nom${i}`, firstName: 'P' })
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const r: any = await admin.get(
        `/api/v1/records/crm.person?limit=3&sort=-lastName${cursor ? `&cursor=${cursor}` : ''}`,
      )
      seen.push(...r.body.data.map((x: any) => x.lastName))
      cursor = r.body.nextCursor
    } while (cursor)
    expect(seen).toEqual(['Nom6', 'Nom5', 'Nom4', 'Nom3', 'Nom2', 'Nom1', 'Nom0'])
    const bad = await admin.get('/api/v1/records/crm.person?cursor=garbage')
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].path).toBe('cursor')
  })

  it('filters with typed operators', async () => {
    const r = await admin.get('/api/v1/records/crm.company?filter[revenue][gte]=1000')
    expect(r.body.data.map((x: any) => x.name)).toEqual(['Élodie Conseil'])
    const bad = await admin.get('/api/v1/records/crm.company?filter[revenue][contains]=1')
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].path).toBe('filter[revenue][contains]')
  })

  it('trashes a parent with its children as one batch and restores it exactly', async () => {
    const co = await admin.post('/api/v1/records/crm.company', { name: 'Cascade SARL' })
    const p1 = await admin.post('/api/v1/records/crm.person', { lastName: 'Martin', company: co.body.id })
    await admin.post('/api/v1/records/crm.person', { lastName: 'Durand', company: { id: co.body.id } })
    const rel = await admin.get(`/api/v1/records/crm.company/${co.body.id}/related/crm.person.company`)
    expect(rel.body.data).toHaveLength(2)
    expect(rel.body.data[0].company.title).toBe('Cascade SARL')
    const del = await admin.delete(`/api/v1/records/crm.company/${co.body.id}`)
    expect(del.body.count).toBe(3)
    expect((await admin.get(`/api/v1/records/crm.person/${p1.body.id}`)).status).toBe(404)
    const trash = await admin.get('/api/v1/trash?q=cascade')
    expect(trash.body.data[0]).toMatchObject({ title: 'Cascade SARL', batchSize: 3 })
    const child = await admin.post(`/api/v1/trash/crm.person/${p1.body.id}/restore`)
    expect(child.status).toBe(409)
    expect(child.body.code).toBe('parent-in-trash')
    const res = await admin.post(`/api/v1/trash/crm.company/${co.body.id}/restore`)
    expect(res.body.restored).toBe(3)
    const back = await admin.get(`/api/v1/records/crm.person/${p1.body.id}`)
    expect(back.body.company.id).toBe(co.body.id)
  })

  it('keeps tenants apart', async () => {
    const mine = await admin.get('/api/v1/records/crm.company')
    const id = mine.body.data[0].id
    expect((await other.get(`/api/v1/records/crm.company/${id}`)).status).toBe(404)
    expect((await other.patch(`/api/v1/records/crm.company/${id}`, { version: 1, name: 'x' })).status).toBe(
      404,
    )
    expect((await other.delete(`/api/v1/records/crm.company/${id}`)).status).toBe(404)
    expect((await other.get('/api/v1/records/crm.company')).body.data).toEqual([])
    const link = await other.post('/api/v1/records/crm.person', { lastName: 'X', company: id })
    expect(link.status).toBe(422)
    expect(link.body.errors[0]).toMatchObject({ path: 'company', code: 'reference_not_found' })
  })

  it('applies grants and scopes', async () => {
    const rep = await t.as('acme', { roles: ['sales-rep'] })
    const mine = await rep.post('/api/v1/records/crm.person', { lastName: 'Mien' })
    expect(mine.status).toBe(201)
    const all = await rep.get('/api/v1/records/crm.person')
    expect(all.body.data.map((x: any) => x.lastName)).toEqual(['Mien'])
    const co = (await admin.get('/api/v1/records/crm.company')).body.data[0]
    const upd = await rep.patch(`/api/v1/records/crm.company/${co.id}`, { version: co.version, name: 'Nope' })
    expect(upd.status).toBe(403)
    const del = await rep.delete(`/api/v1/records/crm.person/${mine.body.id}`)
    expect(del.status).toBe(403)
    const hidden = await t.as('acme', {
      grants: { 'crm.company.read': 'all', 'crm.company.update': 'all' },
      fields: { 'crm.company.secret': 'hidden' },
    })
    const got = await hidden.get(`/api/v1/records/crm.company/${co.id}`)
    expect(got.body).not.toHaveProperty('secret')
    const w = await hidden.patch(`/api/v1/records/crm.company/${co.id}`, {
      version: got.body.version,
      secret: 'x',
    })
    expect(w.status).toBe(403)
    expect(w.body.errors[0].path).toBe('secret')
  })

  it('refuses the number the sequence hands out when a record carried over already has it', async () => {
    const a = await admin.post('/api/v1/records/crm.company', { name: 'Avant' })
    const next = `CO-${String(Number(a.body.number.slice(3)) + 1).padStart(4, '0')}`
    await t.core.withTenant(t.tenants.acme.id, (ctx) =>
      ctx.records('crm.company').create({ name: 'Reprise', number: next }, { system: true }),
    )
    const total = (await admin.get('/api/v1/records/crm.company?count=true')).body.total
    const r = await admin.post('/api/v1/records/crm.company', { name: 'Après' })
    expect(r.status).toBe(422)
    expect(r.body.errors).toEqual([expect.objectContaining({ path: 'number', code: 'unique' })])
    expect((await admin.get('/api/v1/records/crm.company?count=true')).body.total).toBe(total)
  })
})
