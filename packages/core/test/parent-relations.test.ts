import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import { purgeExpired } from '../src/trash/trash-service'
import crm from './fixtures/crm/server'
import notes from './fixtures/notes/server'

const COMPANIES = '/api/v1/records/crm.company'
const PEOPLE = '/api/v1/records/crm.person'
const NOTES = '/api/v1/records/notes.note'
const TASKS = '/api/v1/records/notes.task'

let t: TestCore
let admin: TestClient

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm, notes] })
  admin = await t.as('acme')
})
afterAll(() => t?.close())

const ids = (r: { body: { data: { id: string }[] } }) => r.body.data.map((x) => x.id).sort()

async function company(name: string) {
  const r = await admin.post(COMPANIES, { name })
  expect(r.status).toBe(201)
  return r.body.id as string
}

async function noteAbout(subject: string, entity: string, id: string) {
  const r = await admin.post(NOTES, { subject, about: { entity, id } })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return r.body.id as string
}

describe('parent (polymorphic) relations', () => {
  it('lists the records whose parent is a record on that record, and nothing of another record', async () => {
    const acme = await company('Parent Alpha')
    const other = await company('Parent Beta')
    const person = await admin.post(PEOPLE, { lastName: 'Martin', company: acme })
    const n1 = await noteAbout('Appel Alpha', 'crm.company', acme)
    const n2 = await noteAbout('Visite Alpha', 'crm.company', acme)
    await noteAbout('Appel Beta', 'crm.company', other)
    await noteAbout('Sur Martin', 'crm.person', person.body.id)

    const meta = await admin.get('/api/v1/bootstrap')
    const lists = meta.body.entities['crm.company'].relatedLists
    expect(lists.map((l: any) => l.id)).toContain('notes.note.about')

    const rel = await admin.get(`${COMPANIES}/${acme}/related/notes.note.about?sort=subject`)
    expect(rel.status).toBe(200)
    expect(rel.body.data.map((n: any) => n.subject)).toEqual(['Appel Alpha', 'Visite Alpha'])
    expect(rel.body.data[0].about).toMatchObject({ entity: 'crm.company', id: acme })
    expect(ids(rel)).toEqual([n1, n2].sort())
    const onPerson = await admin.get(`${PEOPLE}/${person.body.id}/related/notes.note.about`)
    expect(onPerson.body.data.map((n: any) => n.subject)).toEqual(['Sur Martin'])
  })

  it('trashes the parent with the records about it in one batch, and restores them', async () => {
    const acme = await company('Parent Gamma')
    const n1 = await noteAbout('Gamma 1', 'crm.company', acme)
    const n2 = await noteAbout('Gamma 2', 'crm.company', acme)
    const del = await admin.delete(`${COMPANIES}/${acme}`)
    expect(del.status).toBe(200)
    expect(del.body.count).toBe(3)
    expect((await admin.get(`${NOTES}/${n1}`)).status).toBe(404)
    const trash = await admin.get(`/api/v1/trash?entity=notes.note&q=Gamma`)
    expect(trash.body.data.map((x: any) => x.batchId)).toEqual([del.body.batchId, del.body.batchId])

    const restore = await admin.post(`/api/v1/trash/crm.company/${acme}/restore`)
    expect(restore.status).toBe(200)
    expect(restore.body.restored).toBe(3)
    const back = await admin.get(`${NOTES}/${n2}`)
    expect(back.status).toBe(200)
    expect(back.body.about).toMatchObject({ entity: 'crm.company', id: acme })
    expect(ids(await admin.get(`${COMPANIES}/${acme}/related/notes.note.about`))).toEqual([n1, n2].sort())
  })

  it('refuses to restore a record whose parent is in the trash, unless asked to restore the parent', async () => {
    const acme = await company('Parent Delta')
    const n = await noteAbout('Delta', 'crm.company', acme)
    expect((await admin.delete(`${NOTES}/${n}`)).status).toBe(200)
    expect((await admin.delete(`${COMPANIES}/${acme}`)).body.count).toBe(1)
    const refused = await admin.post(`/api/v1/trash/notes.note/${n}/restore`)
    expect(refused.status).toBe(409)
    expect(refused.body.code ?? refused.body.type).toMatch(/parent-in-trash/)
    expect(refused.body.parents).toEqual([{ entity: 'crm.company', id: acme, title: 'Parent Delta' }])
    const both = await admin.post(`/api/v1/trash/notes.note/${n}/restore?withParents=true`)
    expect(both.status).toBe(200)
    expect(both.body.restored).toBe(2)
    expect((await admin.get(`${COMPANIES}/${acme}`)).status).toBe(200)
  })

  it('purging the parent leaves no dangling pointer: the batch goes, an earlier-trashed record is unlinked', async () => {
    const acme = await company('Parent Epsilon')
    const inBatch = await noteAbout('Epsilon batch', 'crm.company', acme)
    const earlier = await noteAbout('Epsilon earlier', 'crm.company', acme)
    expect((await admin.delete(`${NOTES}/${earlier}`)).status).toBe(200)
    expect((await admin.delete(`${COMPANIES}/${acme}`)).body.count).toBe(2)
    const purge = await admin.delete(`/api/v1/trash/crm.company/${acme}`)
    expect(purge.status).toBe(200)
    expect(purge.body.purged).toBe(2)
    expect((await admin.post(`/api/v1/trash/notes.note/${inBatch}/restore`)).status).toBe(404)
    const dangling = await t.db.tenant(t.tenants.acme.id, (tx) =>
      tx.query('SELECT id FROM notes_note WHERE about_id = $1', [acme]),
    )
    expect(dangling).toEqual([])
    // The note trashed on its own survives, no longer about anything, and can come back.
    const restored = await admin.post(`/api/v1/trash/notes.note/${earlier}/restore`)
    expect(restored.status).toBe(200)
    expect((await admin.get(`${NOTES}/${earlier}`)).body.about).toBeNull()
  })

  it('refuses to purge a record that a required reference still needs, naming the records, and purges nothing', async () => {
    const acme = await company('Parent Zeta')
    const task = await admin.post(TASKS, { label: 'Relancer Zeta', company: acme })
    expect(task.status).toBe(201)
    expect((await admin.delete(`${COMPANIES}/${acme}`)).body.count).toBe(1)
    const refused = await admin.delete(`/api/v1/trash/crm.company/${acme}`)
    expect(refused.status).toBe(409)
    expect(refused.headers.get('content-type')).toContain('application/problem+json')
    expect(refused.body.detail).toContain('Relancer Zeta')
    expect(refused.body.children).toEqual([
      { entity: 'notes.task', id: task.body.id, title: 'Relancer Zeta', field: 'company' },
    ])
    expect((await admin.get(`/api/v1/trash?entity=crm.company&q=Zeta`)).body.data).toHaveLength(1)
    expect((await admin.get(`${TASKS}/${task.body.id}`)).body.company.id).toBe(acme)
    // Once the task is gone for good, the company can go too.
    expect((await admin.delete(`${TASKS}/${task.body.id}`)).status).toBe(200)
    expect((await admin.delete(`/api/v1/trash/notes.task/${task.body.id}`)).status).toBe(200)
    expect((await admin.delete(`/api/v1/trash/crm.company/${acme}`)).status).toBe(200)
  })

  it('purges a batch whose children require their parent, children first', async () => {
    const acme = await company('Parent Eta')
    const person = await admin.post(PEOPLE, { lastName: 'Eta', company: acme })
    await noteAbout('Eta note', 'crm.person', person.body.id)
    const del = await admin.delete(`${COMPANIES}/${acme}`)
    expect(del.body.count).toBe(3)
    const purge = await admin.delete(`/api/v1/trash/crm.company/${acme}`)
    expect(purge.status).toBe(200)
    expect(purge.body.purged).toBe(3)
    const left = await t.db.tenant(t.tenants.acme.id, async (tx) => [
      ...(await tx.query('SELECT id FROM crm_company WHERE id = $1', [acme])),
      ...(await tx.query('SELECT id FROM crm_person WHERE id = $1', [person.body.id])),
      ...(await tx.query('SELECT id FROM notes_note WHERE about_id = $1', [person.body.id])),
      ...(await tx.query('SELECT id FROM core_trash_entry WHERE batch_id = $1', [del.body.batchId])),
    ])
    expect(left).toEqual([])
  })

  it('the retention purge skips a batch a required reference still needs and purges the rest', async () => {
    const needed = await company('Retention Needed')
    const task = await admin.post(TASKS, { label: 'Retention task', company: needed })
    const free = await company('Retention Free')
    await admin.delete(`${COMPANIES}/${needed}`)
    await admin.delete(`${COMPANIES}/${free}`)
    // A negative retention makes every batch expired.
    const purged = await t.core.withTenant(t.tenants.acme.id, (ctx) => purgeExpired(ctx, -1))
    expect(purged).toBeGreaterThanOrEqual(1)
    const left = (await admin.get('/api/v1/trash?q=Retention')).body.data.map((x: any) => x.title)
    expect(left).toEqual(['Retention Needed'])
    expect((await admin.get(`${TASKS}/${task.body.id}`)).body.company.id).toBe(needed)
  })
})
