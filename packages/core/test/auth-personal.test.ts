import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notify } from '../src/notifications/notify'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'

let t: TestCore
let admin: TestClient
let rep: TestClient
let colleague: TestClient
let globex: TestClient
const CONFIG = {
  columns: ['name', 'kind'],
  sort: '-revenue',
  filters: [{ field: 'kind', op: 'eq', value: 'customer' }],
}

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm] })
  admin = await t.as('acme')
  rep = await t.as('acme', { roles: ['sales-rep'] })
  colleague = await t.as('acme', { roles: ['sales-rep'] })
  globex = await t.as('globex')
})
afterAll(() => t?.close())

describe('saved views', () => {
  it('keeps my views to myself and shows shared ones to everyone', async () => {
    const mine = await rep.post('/api/v1/views', {
      entity: 'crm.company',
      name: 'Mes clients',
      config: CONFIG,
    })
    expect(mine.status).toBe(201)
    expect(mine.body).toMatchObject({
      name: 'Mes clients',
      shared: false,
      mine: true,
      config: CONFIG,
      ownerId: rep.userId,
    })
    const shared = await admin.post('/api/v1/views', {
      entity: 'crm.company',
      name: 'Tous les clients',
      shared: true,
      config: CONFIG,
    })
    expect(shared.body).toMatchObject({ shared: true, ownerId: null })
    const seen = await rep.get('/api/v1/views?entity=crm.company')
    expect(seen.body.data.map((v: any) => [v.name, v.mine])).toEqual([
      ['Tous les clients', false],
      ['Mes clients', true],
    ])
    expect(
      (await colleague.get('/api/v1/views?entity=crm.company')).body.data.map((v: any) => v.name),
    ).toEqual(['Tous les clients'])
    expect((await globex.get('/api/v1/views')).body.data).toEqual([])
  })

  it('lets only administrators share or change shared views', async () => {
    const r = await rep.post('/api/v1/views', { entity: 'crm.company', name: 'Pour tous', shared: true })
    expect(r.status).toBe(403)
    const shared = (await rep.get('/api/v1/views?entity=crm.company')).body.data.find((v: any) => v.shared)
    expect((await rep.patch(`/api/v1/views/${shared.id}`, { name: 'Renommée' })).status).toBe(403)
    expect((await rep.delete(`/api/v1/views/${shared.id}`)).status).toBe(403)
    const mine = (await rep.get('/api/v1/views?entity=crm.company')).body.data.find((v: any) => v.mine)
    expect((await rep.patch(`/api/v1/views/${mine.id}`, { shared: true })).status).toBe(403)
    const renamed = await rep.patch(`/api/v1/views/${mine.id}`, {
      name: 'Clients à relancer',
      config: { ...CONFIG, sort: 'name' },
    })
    expect(renamed.body).toMatchObject({ name: 'Clients à relancer', config: { sort: 'name' } })
    expect((await admin.patch(`/api/v1/views/${shared.id}`, { name: 'Clients (tous)' })).body.name).toBe(
      'Clients (tous)',
    )
  })

  it('hides other users’ and other tenants’ views', async () => {
    const mine = (await rep.get('/api/v1/views?entity=crm.company')).body.data.find((v: any) => v.mine)
    expect((await colleague.patch(`/api/v1/views/${mine.id}`, { name: 'x' })).status).toBe(404)
    expect((await colleague.delete(`/api/v1/views/${mine.id}`)).status).toBe(404)
    expect((await admin.delete(`/api/v1/views/${mine.id}`)).status).toBe(404)
    expect((await globex.patch(`/api/v1/views/${mine.id}`, { name: 'x' })).status).toBe(404)
    expect((await globex.delete(`/api/v1/views/${mine.id}`)).status).toBe(404)
    expect(
      (await rep.get('/api/v1/views?entity=crm.company')).body.data.find((v: any) => v.id === mine.id).name,
    ).toBe('Clients à relancer')
    expect((await rep.delete(`/api/v1/views/${mine.id}`)).status).toBe(200)
  })

  it('refuses views of entities the user cannot read, and names invalid input', async () => {
    const reader = await t.as('acme', { grants: { 'crm.company.read': 'all' } })
    expect((await reader.get('/api/v1/views?entity=crm.person')).status).toBe(403)
    expect((await reader.post('/api/v1/views', { entity: 'crm.person', name: 'Gens' })).status).toBe(403)
    const bad = await reader.post('/api/v1/views', {
      entity: 'crm.nothing',
      name: '',
      config: { columns: 'name', sort: 3 },
    })
    expect(bad.status).toBe(422)
    expect(bad.body.errors.map((e: any) => e.path).sort()).toEqual([
      'config.columns',
      'config.sort',
      'entity',
      'name',
    ])
    expect((await reader.get('/api/v1/views?entity=crm.nothing')).status).toBe(400)
  })
})

describe('notifications', () => {
  it('lists my notifications, newest first, with the unread count, and marks them read', async () => {
    const ids: string[] = []
    for (let i = 1; i <= 3; i++) {
      const n = {
        userId: rep.userId,
        kind: 'crm.import.done',
        title: `Import ${i} terminé`,
        link: '/crm/company',
      }
      ids.push(await t.core.withTenant(t.tenants.acme.id, (ctx) => notify(ctx, n)))
    }
    await t.core.withTenant(t.tenants.acme.id, (ctx) =>
      notify(ctx, { userId: colleague.userId, kind: 'crm.export.ready', title: 'Pas pour vous' }),
    )
    const r = await rep.get('/api/v1/notifications?limit=2')
    expect(r.body.unread).toBe(3)
    expect(r.body.data.map((n: any) => n.title)).toEqual(['Import 3 terminé', 'Import 2 terminé'])
    const next = await rep.get(`/api/v1/notifications?limit=2&cursor=${r.body.nextCursor}`)
    expect(next.body.data.map((n: any) => n.title)).toEqual(['Import 1 terminé'])
    expect(next.body.nextCursor).toBeNull()
    const read = await rep.post(`/api/v1/notifications/${ids[0]}/read`)
    expect(read.body.readAt).toBeTruthy()
    expect(
      (await rep.get('/api/v1/notifications?unread=true')).body.data.map((n: any) => n.id),
    ).not.toContain(ids[0])
    expect((await rep.post('/api/v1/notifications/read-all')).body.count).toBe(2)
    expect((await rep.get('/api/v1/notifications')).body.unread).toBe(0)
    expect((await colleague.get('/api/v1/notifications')).body.unread).toBe(1)
  })

  it('does not find other users’ or other tenants’ notifications', async () => {
    const theirs = (await colleague.get('/api/v1/notifications')).body.data[0].id
    expect((await rep.post(`/api/v1/notifications/${theirs}/read`)).status).toBe(404)
    expect((await globex.post(`/api/v1/notifications/${theirs}/read`)).status).toBe(404)
    expect((await rep.post('/api/v1/notifications/nope/read')).status).toBe(404)
    expect((await colleague.get('/api/v1/notifications')).body.unread).toBe(1)
    expect((await rep.get('/api/v1/notifications?cursor=garbage')).status).toBe(400)
    expect((await t.anonymous().get('/api/v1/notifications')).status).toBe(401)
  })

  it('refuses links that leave the application', async () => {
    await expect(
      t.core.withTenant(t.tenants.acme.id, (ctx) =>
        notify(ctx, { userId: rep.userId, kind: 'x.y', title: 'Piège', link: 'javascript:alert(1)' }),
      ),
    ).rejects.toThrow()
    await expect(
      t.core.withTenant(t.tenants.acme.id, (ctx) =>
        notify(ctx, { userId: rep.userId, kind: 'x.y', title: 'Piège', link: '//evil.example' }),
      ),
    ).rejects.toThrow()
  })
})
