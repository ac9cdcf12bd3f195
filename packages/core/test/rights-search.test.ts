import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerImportJobs } from '../src/import/register'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'
import { importFile } from './fixtures/csv/helpers'

let t: TestCore
let admin: TestClient

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm], tenants: ['acme'] })
  registerImportJobs(t.core)
  admin = await t.as('acme')
})
afterAll(() => t?.close())

const found = (body: any, id: string) =>
  (body.groups ?? []).some((g: any) => g.items.some((i: any) => i.id === id))

describe('hidden fields are not searchable', () => {
  it('does not find a record by the value of a field hidden from the user', async () => {
    const p = (
      await admin.post('/api/v1/records/crm.person', {
        firstName: 'Zélie',
        lastName: 'Durand',
        email: 'zzq-secret-xyz@hidden.test',
      })
    ).body
    const seeing = await t.as('acme', { grants: { 'crm.person.read': 'all' } })
    expect(found((await seeing.get('/api/v1/search?q=zzq-secret-xyz')).body, p.id)).toBe(true)
    expect((await seeing.get('/api/v1/records/crm.person?q=zzq-secret-xyz')).body.data).toHaveLength(1)

    const hidden = await t.as('acme', {
      grants: { 'crm.person.read': 'all' },
      fields: { 'crm.person.email': 'hidden' },
    })
    expect(found((await hidden.get('/api/v1/search?q=zzq-secret-xyz')).body, p.id)).toBe(false)
    const list = await hidden.get('/api/v1/records/crm.person?q=zzq-secret-xyz')
    expect(list.status).toBe(200)
    expect(list.body.data).toHaveLength(0)
    // The fields they may see are still searched, with typos forgiven.
    expect(found((await hidden.get('/api/v1/search?q=Durant')).body, p.id)).toBe(true)
    const byName = await hidden.get('/api/v1/records/crm.person?q=Zelie')
    expect(byName.body.data.map((r: any) => r.id)).toEqual([p.id])
    expect(byName.body.data[0]).not.toHaveProperty('email')
  })

  it('does not show a hidden title field in titles, references or search results', async () => {
    const co = (await admin.post('/api/v1/records/crm.company', { name: 'Discrète SARL' })).body
    const p = (
      await admin.post('/api/v1/records/crm.person', {
        firstName: 'Anne',
        lastName: 'Masquée',
        company: co.id,
      })
    ).body
    const u = await t.as('acme', {
      grants: { 'crm.person.read': 'all', 'crm.company.read': 'all' },
      fields: { 'crm.company.name': 'hidden', 'crm.person.lastName': 'hidden' },
    })
    const person = await u.get(`/api/v1/records/crm.person/${p.id}`)
    expect(person.status).toBe(200)
    expect(JSON.stringify(person.body)).not.toContain('Discrète')
    expect(JSON.stringify(person.body)).not.toContain('Masquée')
    expect(person.body.company).toMatchObject({ id: co.id, title: co.number })
    expect(person.body._title).toBe('Anne')
    const company = await u.get(`/api/v1/records/crm.company/${co.id}`)
    expect(company.body._title).toBe(co.number)
    const search = await u.get('/api/v1/search?q=Anne')
    expect(JSON.stringify(search.body)).toContain(p.id)
    expect(JSON.stringify(search.body)).not.toContain('Masquée')
    // A trash entry keeps the title written at deletion: it is masked for them, and not searched.
    await admin.delete(`/api/v1/records/crm.company/${co.id}`)
    const trashReader = await t.as('acme', {
      grants: { 'crm.company.read': 'all' },
      fields: { 'crm.company.name': 'hidden' },
    })
    const trash = await trashReader.get('/api/v1/trash?entity=crm.company')
    expect(trash.body.data.map((x: any) => x.title)).toEqual([co.id])
    expect((await trashReader.get('/api/v1/trash?q=Discrète')).body.data).toHaveLength(0)
    expect((await admin.get('/api/v1/trash?q=Discrète')).body.data[0].title).toBe('Discrète SARL')
    await admin.post(`/api/v1/trash/crm.company/${co.id}/restore`)
    // The admin still sees the full titles.
    const full = await admin.get(`/api/v1/records/crm.person/${p.id}`)
    expect(full.body.company.title).toBe('Discrète SARL')
  })
})

describe('search keeps every match within the user’s scope', () => {
  it('finds an own-scoped user’s record behind thousands of the tenant’s better or equal matches', async () => {
    const rows = Array.from({ length: 2050 }, () => 'Quetzalcoatl').join('\n')
    const s = await importFile(t, admin, 'crm.person', `Nom\n${rows}\n`)
    expect(s.created).toBe(2050)
    const own = await t.as('acme', { grants: { 'crm.person.read': 'own', 'crm.person.create': 'own' } })
    const mine = (await own.post('/api/v1/records/crm.person', { lastName: 'Quetzalcoatl' })).body
    const g = await own.get('/api/v1/search?q=Quetzalcoatl')
    expect(g.body.groups).toEqual([
      { entity: 'crm.person', items: [expect.objectContaining({ id: mine.id, title: 'Quetzalcoatl' })] },
    ])
    const l = await own.get('/api/v1/records/crm.person?q=Quetzalcoatl&count=true')
    expect(l.body.data.map((r: any) => r.id)).toEqual([mine.id])
    // A teammate's match is found by a team-scoped user too; the admin sees them all.
    const mate = await t.as('acme', { grants: { 'crm.person.read': 'team' }, teamWith: [own.userId] })
    const team = await mate.get('/api/v1/records/crm.person?q=Quetzalcoatl')
    expect(team.body.data.map((r: any) => r.id)).toEqual([mine.id])
    expect(found((await mate.get('/api/v1/search?q=Quetzalcoatl')).body, mine.id)).toBe(true)
    const all = await admin.get('/api/v1/records/crm.person?q=Quetzalcoatl&count=true&limit=5')
    expect(all.body.data).toHaveLength(5)
  })
})
