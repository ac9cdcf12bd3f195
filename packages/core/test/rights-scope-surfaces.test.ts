import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'

let t: TestCore
let admin: TestClient
/** Reads their team's people, restores and purges only their own. */
let lead: TestClient
/** The lead's teammate. */
let mate: TestClient

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm], tenants: ['acme'] })
  admin = await t.as('acme')
  mate = await t.as('acme', {
    grants: {
      'crm.company.read': 'all',
      'crm.person.read': 'own',
      'crm.person.create': 'own',
      'crm.person.delete': 'own',
    },
  })
  lead = await t.as('acme', {
    grants: {
      'crm.company.read': 'all',
      'crm.person.read': 'team',
      'crm.person.create': 'own',
      'crm.person.delete': 'own',
      'crm.person.restore': 'own',
      'crm.person.purge': 'own',
    },
    teamWith: [mate.userId],
  })
})
afterAll(() => t?.close())

const person = async (c: TestClient, body: Record<string, unknown>) => {
  const r = await c.post('/api/v1/records/crm.person', body)
  expect(r.status).toBe(201)
  return r.body
}

describe('scope on every surface', () => {
  it('lists in a related list only the records within the user’s scope', async () => {
    const co = (await admin.post('/api/v1/records/crm.company', { name: 'Liée SA' })).body
    await person(admin, { lastName: 'Relié-admin', company: co.id })
    await person(mate, { lastName: 'Relié-équipier', company: co.id })
    await person(lead, { lastName: 'Relié-moi', company: co.id })
    const names = async (c: TestClient) =>
      (await c.get(`/api/v1/records/crm.company/${co.id}/related/crm.person.company`)).body.data
        .map((p: any) => p.lastName)
        .sort()
    expect(await names(lead)).toEqual(['Relié-moi', 'Relié-équipier'])
    expect(await names(admin)).toEqual(['Relié-admin', 'Relié-moi', 'Relié-équipier'])
    const counted = await lead.get(
      `/api/v1/records/crm.company/${co.id}/related/crm.person.company?count=true`,
    )
    expect(counted.body.data).toHaveLength(2)
  })

  it('shows in the trash only what the user may read, and restores or purges by grant and scope', async () => {
    const theirs = await person(admin, { lastName: 'Corbeille-admin' })
    const mates = await person(mate, { lastName: 'Corbeille-équipier' })
    const mine = await person(lead, { lastName: 'Corbeille-moi' })
    expect((await admin.delete(`/api/v1/records/crm.person/${theirs.id}`)).status).toBe(200)
    expect((await mate.delete(`/api/v1/records/crm.person/${mates.id}`)).status).toBe(200)
    expect((await lead.delete(`/api/v1/records/crm.person/${mine.id}`)).status).toBe(200)

    const titles = (await lead.get('/api/v1/trash?entity=crm.person')).body.data
      .map((e: any) => e.title)
      .sort()
    expect(titles).toEqual(['Corbeille-moi', 'Corbeille-équipier'])
    expect((await mate.get('/api/v1/trash')).body.data.map((e: any) => e.title)).toEqual([
      'Corbeille-équipier',
    ])

    // Visible (a teammate's) but restore and purge are granted on their own only: 403.
    const restoreMate = await lead.post(`/api/v1/trash/crm.person/${mates.id}/restore`)
    expect(restoreMate.status).toBe(403)
    expect((await lead.delete(`/api/v1/trash/crm.person/${mates.id}`)).status).toBe(403)
    // Not visible: 404, as for an id that does not exist.
    expect((await lead.post(`/api/v1/trash/crm.person/${theirs.id}/restore`)).status).toBe(404)
    expect((await lead.delete(`/api/v1/trash/crm.person/${theirs.id}`)).status).toBe(404)
    // No restore grant at all, on a record they may see: 403.
    expect((await mate.post(`/api/v1/trash/crm.person/${mates.id}/restore`)).status).toBe(403)
    // Nothing was changed by the refusals.
    const adminTrash = (await admin.get('/api/v1/trash?entity=crm.person')).body.data.map((e: any) => e.id)
    expect(adminTrash).toEqual(expect.arrayContaining([theirs.id, mates.id, mine.id]))

    expect((await lead.post(`/api/v1/trash/crm.person/${mine.id}/restore`)).status).toBe(200)
    expect((await lead.get(`/api/v1/records/crm.person/${mine.id}`)).status).toBe(200)
    expect((await lead.delete(`/api/v1/records/crm.person/${mine.id}`)).status).toBe(200)
    expect((await lead.delete(`/api/v1/trash/crm.person/${mine.id}`)).status).toBeLessThan(300)
    expect((await admin.get(`/api/v1/records/crm.person/${mine.id}`)).status).toBe(404)
  })

  it('shows history only for records in scope, without hidden fields', async () => {
    const theirs = await person(admin, { lastName: 'Histoire-admin' })
    const mates = await person(mate, { lastName: 'Histoire-équipier' })
    expect((await lead.get(`/api/v1/records/crm.person/${mates.id}/history`)).status).toBe(200)
    const refused = await lead.get(`/api/v1/records/crm.person/${theirs.id}/history`)
    expect(refused.status).toBe(404)
    expect(JSON.stringify(refused.body)).not.toContain('Histoire-admin')

    const co = (await admin.post('/api/v1/records/crm.company', { name: 'Archives', secret: 'code-S1' })).body
    await admin.patch(`/api/v1/records/crm.company/${co.id}`, {
      version: co.version,
      name: 'Archives SA',
      secret: 'code-S2',
    })
    const hidden = await t.as('acme', {
      grants: { 'crm.company.read': 'all' },
      fields: { 'crm.company.secret': 'hidden' },
    })
    const h = await hidden.get(`/api/v1/records/crm.company/${co.id}/history`)
    expect(h.status).toBe(200)
    const text = JSON.stringify(h.body)
    expect(text).toContain('Archives SA')
    expect(text).not.toContain('code-S')
    expect(text).not.toContain('"secret"')
    // The administrator sees the change of the field.
    expect(JSON.stringify((await admin.get(`/api/v1/records/crm.company/${co.id}/history`)).body)).toContain(
      'code-S2',
    )
  })
})
