import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'

const COMPANIES = '/api/v1/records/crm.company'
const PEOPLE = '/api/v1/records/crm.person'

let t: TestCore
let admin: TestClient
let clerk: TestClient

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm], tenants: ['acme'] })
  admin = await t.as('acme')
  clerk = await t.as('acme', {
    name: 'Claire Commis',
    grants: {
      'crm.company.read': 'all',
      'crm.company.create': 'all',
      'crm.company.delete': 'all',
      'crm.person.read': 'all',
      'crm.person.create': 'all',
      'crm.person.delete': 'all',
    },
  })
})
afterAll(() => t?.close())

async function company(name: string, extra: Record<string, unknown> = {}, as = admin) {
  const r = await as.post(COMPANIES, { name, ...extra })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return r.body.id as string
}

async function person(lastName: string, companyId: string, as = admin) {
  const r = await as.post(PEOPLE, { lastName, company: companyId })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return r.body.id as string
}

const titles = async (query: string) =>
  ((await admin.get(`/api/v1/trash?${query}`)).body.data as { title: string }[]).map((x) => x.title).sort()

describe('trash', () => {
  it('refuses to restore a record whose parent was trashed after it, and restores both when asked', async () => {
    const co = await company('Restaurations SA')
    const p = await person('Orphelin', co)
    const alone = await admin.delete(`${PEOPLE}/${p}`)
    expect(alone.body.count).toBe(1)
    expect((await admin.delete(`${COMPANIES}/${co}`)).body.count).toBe(1)

    const refused = await admin.post(`/api/v1/trash/crm.person/${p}/restore`)
    expect(refused.status).toBe(409)
    expect(refused.headers.get('content-type')).toContain('application/problem+json')
    expect(refused.body.parents).toEqual([{ entity: 'crm.company', id: co, title: 'Restaurations SA' }])
    expect((await admin.get(`${PEOPLE}/${p}`)).status).toBe(404)

    const both = await admin.post(`/api/v1/trash/crm.person/${p}/restore?withParents=true`)
    expect(both.status).toBe(200)
    expect(both.body.restored).toBe(2)
    const back = await admin.get(`${PEOPLE}/${p}`)
    expect(back.body.company).toMatchObject({ id: co, title: 'Restaurations SA' })
    expect((await admin.get(`/api/v1/trash?q=Restaurations`)).body.data).toEqual([])
  })

  it('filters the trash by entity, by who deleted, by day, and by title', async () => {
    const mine = await company('Corbeille Admin')
    const theirs = await company('Corbeille Commis', {}, clerk)
    const ppl = await person('Corbeille Personne', theirs, clerk)
    await admin.delete(`${COMPANIES}/${mine}`)
    await clerk.delete(`${PEOPLE}/${ppl}`)
    await clerk.delete(`${COMPANIES}/${theirs}`)

    expect(await titles('q=corbeille')).toEqual(['Corbeille Admin', 'Corbeille Commis', 'Corbeille Personne'])
    expect(await titles('q=corbeille&entity=crm.person')).toEqual(['Corbeille Personne'])
    expect(await titles(`q=corbeille&deletedBy=${clerk.userId}`)).toEqual([
      'Corbeille Commis',
      'Corbeille Personne',
    ])
    const byClerk = (await admin.get(`/api/v1/trash?deletedBy=${clerk.userId}`)).body.data
    expect(byClerk[0].deletedBy).toEqual({ id: clerk.userId, title: 'Claire Commis' })

    // The days the deletions fall on, as the database counts them.
    const [{ first, last }] = await t.db.tenant(t.tenants.acme.id, (tx) =>
      tx.query<{ first: string; last: string }>(
        "SELECT min(deleted_at)::date::text AS first, max(deleted_at)::date::text AS last FROM core_trash_entry WHERE title LIKE 'Corbeille%'",
      ),
    )
    const shift = (day: string, days: number) => {
      const d = new Date(`${day}T12:00:00Z`)
      d.setUTCDate(d.getUTCDate() + days)
      return d.toISOString().slice(0, 10)
    }
    expect(await titles(`q=corbeille&from=${first}&to=${last}`)).toHaveLength(3)
    expect(await titles(`q=corbeille&from=${shift(last, 1)}`)).toEqual([])
    expect(await titles(`q=corbeille&to=${shift(first, -1)}`)).toEqual([])
    const bad = await admin.get('/api/v1/trash?from=2026-02-30&deletedBy=nobody')
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: any) => e.path).sort()).toEqual(['deletedBy', 'from'])
  })

  it('purges a batch with its children and their links for good', async () => {
    const co = await company('Purge Groupe')
    const other = await company('Purge Partenaire')
    const a = await person('Purge Un', co)
    const b = await person('Purge Deux', co)
    expect(
      (await admin.post(`${PEOPLE}/${a}/links/companies`, { target: other, role: 'buyer' })).status,
    ).toBe(201)
    const del = await admin.delete(`${COMPANIES}/${co}`)
    expect(del.body.count).toBe(3)
    const purge = await admin.delete(`/api/v1/trash/crm.company/${co}`)
    expect(purge.status).toBe(200)
    expect(purge.body.purged).toBe(3)
    for (const [ref, id] of [
      ['crm.company', co],
      ['crm.person', a],
      ['crm.person', b],
    ])
      expect((await admin.post(`/api/v1/trash/${ref}/${id}/restore`)).status).toBe(404)
    const rows = await t.db.tenant(t.tenants.acme.id, async (tx) => [
      ...(await tx.query('SELECT id FROM crm_person WHERE id = ANY($1::uuid[])', [[a, b]])),
      ...(await tx.query('SELECT from_id FROM core_link WHERE from_id = $1 OR to_id = $1', [a])),
      ...(await tx.query('SELECT id FROM core_history WHERE record_id = ANY($1::uuid[])', [[co, a, b]])),
    ])
    expect(rows).toEqual([])
    expect((await admin.get(`${COMPANIES}/${other}/related/link.companies.inverse`)).body.data).toEqual([])
  })

  it('does not let a trashed record block a unique value, and refuses to restore over it', async () => {
    const first = await company('Unique Ancienne', { siren: '732 829 320' })
    expect((await admin.post(COMPANIES, { name: 'Unique Doublon', siren: '732829320' })).status).toBe(422)
    await admin.delete(`${COMPANIES}/${first}`)
    const second = await admin.post(COMPANIES, { name: 'Unique Nouvelle', siren: '732829320' })
    expect(second.status).toBe(201)
    const clash = await admin.post(`/api/v1/trash/crm.company/${first}/restore`)
    expect(clash.status).toBe(409)
    expect(clash.body).toMatchObject({ field: 'siren', id: first })
    expect((await admin.get(`${COMPANIES}/${first}`)).status).toBe(404)
    // Once the new one is trashed in turn, the old one comes back.
    await admin.delete(`${COMPANIES}/${second.body.id}`)
    expect((await admin.post(`/api/v1/trash/crm.company/${first}/restore`)).status).toBe(200)
  })

  it('leaves trashed records out of exports', async () => {
    const kept = await company('Export Gardée')
    const gone = await company('Export Jetée')
    await person('Export Personne', gone)
    await admin.delete(`${COMPANIES}/${gone}`)
    const companies = await admin.get('/api/v1/export/crm.company?format=csv')
    expect(companies.status).toBe(200)
    expect(companies.body).toContain('Export Gardée')
    expect(companies.body).not.toContain('Export Jetée')
    const people = await admin.get('/api/v1/export/crm.person?format=csv')
    expect(people.status).toBe(200)
    expect(people.body).not.toContain('Export Personne')
    await admin.post(`/api/v1/trash/crm.company/${gone}/restore`)
    expect((await admin.get('/api/v1/export/crm.person?format=csv')).body).toContain('Export Personne')
    expect(kept).toBeTruthy()
  })
})
