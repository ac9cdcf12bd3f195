import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'
import notes from './fixtures/notes/server'

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

describe('history entries added by plugins', () => {
  let h: TestCore
  let user: TestClient
  let noteId: string
  const history = async () =>
    (await user.get(`/api/v1/records/notes.note/${noteId}/history`)).body.data as {
      action: string
      changes: unknown[]
      note: Record<string, unknown> | null
      actor: { id: string } | null
    }[]

  beforeAll(async () => {
    h = await createTestCore({ plugins: [crm, notes], tenants: ['acme'] })
    user = await h.as('acme')
    noteId = (await user.post('/api/v1/records/notes.note', { subject: 'Historique' })).body.id
  })
  afterAll(() => h?.close())

  it('adds a standalone entry with its note, by the acting user', async () => {
    const r = await user.post(`/api/v1/records/notes.note/${noteId}/actions/pin`, {})
    expect(r.status).toBe(200)
    const [last] = await history()
    expect(last).toMatchObject({
      action: 'pinned',
      changes: [],
      note: { key: 'notes:history.pinned', params: { by: 'test' } },
      actor: { id: user.userId },
    })
  })

  it('keeps the note of an update that changed no field', async () => {
    const before = (await history()).length
    const r = await user.post(`/api/v1/records/notes.note/${noteId}/actions/pin`, { mode: 'touch' })
    expect(r.status).toBe(200)
    const entries = await history()
    expect(entries).toHaveLength(before + 1)
    expect(entries[0]).toMatchObject({ action: 'update', changes: [], note: { key: 'notes:history.pinned' } })
  })

  it('writes inside the caller’s transaction: a refusal afterwards leaves no entry', async () => {
    const before = await history()
    for (const mode of ['entry', 'touch']) {
      const r = await user.post(`/api/v1/records/notes.note/${noteId}/actions/pin`, { mode, fail: true })
      expect(r.status).toBe(422)
    }
    expect(await history()).toEqual(before)
  })

  it('refuses a malformed entry and an unknown record', async () => {
    await h.core.withTenant(h.tenants.acme.id, async (ctx) => {
      const svc = ctx.records('notes.note')
      await expect(svc.addHistory(noteId, { action: 'Not a verb!' }, { system: true })).rejects.toMatchObject(
        {
          status: 422,
          errors: [{ path: 'action', code: 'invalid_option' }],
        },
      )
      await expect(
        svc.addHistory('00000000-0000-7000-8000-000000000000', { action: 'pinned' }, { system: true }),
      ).rejects.toMatchObject({ status: 404 })
    })
  })
})

describe('user, decimal, datetime and parent fields through HTTP', () => {
  let h: TestCore
  let user: TestClient
  let outsider: TestClient
  const NOTES = '/api/v1/records/notes.note'

  beforeAll(async () => {
    h = await createTestCore({ plugins: [crm, notes] })
    user = await h.as('acme')
    outsider = await h.as('globex')
  })
  afterAll(() => h?.close())

  it('writes, reads and filters each of them', async () => {
    const co = await user.post('/api/v1/records/crm.company', { name: 'Cible SA' })
    const colleague = await h.as('acme', { name: 'Camille Collègue', grants: {} })
    const r = await user.post(NOTES, {
      subject: 'Champs',
      assignee: { id: colleague.userId },
      weight: '12,5',
      remindAt: '2026-12-01T08:30:00+01:00',
      about: { entity: 'crm.company', id: co.body.id },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    const read = await user.get(`${NOTES}/${r.body.id}`)
    expect(read.body).toMatchObject({
      assignee: { id: colleague.userId, title: 'Camille Collègue' },
      weight: '12.5000',
      remindAt: '2026-12-01T07:30:00.000Z',
      about: { entity: 'crm.company', id: co.body.id, title: 'Cible SA' },
    })
    await user.post(NOTES, { subject: 'Autre', weight: 3, remindAt: '2027-01-15T09:00:00Z' })
    const subjects = async (q: string) =>
      (await user.get(`${NOTES}?${q}`)).body.data.map((n: any) => n.subject).sort()
    expect(await subjects(`filter[assignee][eq]=${colleague.userId}`)).toEqual(['Champs'])
    expect(await subjects('filter[assignee][isNull]=true')).toEqual(['Autre'])
    expect(await subjects('filter[weight][gt]=3')).toEqual(['Champs'])
    expect(await subjects('filter[weight][lte]=3.0000')).toEqual(['Autre'])
    expect(await subjects('filter[remindAt][between]=2026-12-01T00:00:00Z,2026-12-31T23:59:59Z')).toEqual([
      'Champs',
    ])
    expect(await subjects(`filter[about][eq]=${co.body.id}`)).toEqual(['Champs'])
    const upd = await user.patch(`${NOTES}/${r.body.id}`, {
      version: read.body.version,
      assignee: null,
      weight: '0',
      remindAt: null,
      about: null,
    })
    expect(upd.status).toBe(200)
    expect(upd.body).toMatchObject({ assignee: null, weight: '0.0000', remindAt: null, about: null })
    const hist = await user.get(`${NOTES}/${r.body.id}/history`)
    expect(hist.body.data[0].changes.map((c: any) => c.field).sort()).toEqual([
      'about',
      'assignee',
      'remindAt',
      'weight',
    ])
  })

  it('refuses bad values with a problem naming each field, and writes nothing', async () => {
    const theirs = await outsider.post('/api/v1/records/crm.company', { name: 'Ailleurs' })
    const person = await user.post('/api/v1/records/crm.person', { lastName: 'Personne' })
    const before = (await user.get(`${NOTES}?count=true`)).body.total
    const bad = await user.post(NOTES, {
      subject: 'Refusée',
      assignee: '00000000-0000-7000-8000-000000000000',
      weight: '-1',
      remindAt: '2026-13-01T10:00:00Z',
      about: { entity: 'crm.company', id: theirs.body.id },
    })
    expect(bad.status).toBe(422)
    expect(bad.headers.get('content-type')).toContain('application/problem+json')
    const codes = Object.fromEntries(bad.body.errors.map((e: any) => [e.path, e.code]))
    expect(codes).toEqual({ weight: 'too_small', remindAt: 'invalid_datetime' })
    // References are checked once the values parse.
    const refs = await user.post(NOTES, {
      subject: 'Refusée',
      assignee: '00000000-0000-7000-8000-000000000000',
      about: { entity: 'crm.company', id: theirs.body.id },
    })
    expect(refs.status).toBe(422)
    expect(Object.fromEntries(refs.body.errors.map((e: any) => [e.path, e.code]))).toEqual({
      assignee: 'reference_not_found',
      about: 'reference_not_found',
    })
    // A parent names its entity: an id of another entity does not resolve.
    const wrongKind = await user.post(NOTES, {
      subject: 'Refusée',
      about: { entity: 'crm.company', id: person.body.id },
    })
    expect(wrongKind.body.errors).toEqual([
      expect.objectContaining({ path: 'about', code: 'reference_not_found' }),
    ])
    const shape = await user.post(NOTES, { subject: 'Refusée', about: 'crm.company', weight: 'beaucoup' })
    expect(Object.fromEntries(shape.body.errors.map((e: any) => [e.path, e.code]))).toEqual({
      about: 'invalid_reference',
      weight: 'type_number',
    })
    expect((await user.get(`${NOTES}?count=true`)).body.total).toBe(before)
  })
})

describe('history of a creation', () => {
  it('records a creation with the values it set, and nothing for what it left empty', async () => {
    const parent = await other.post('/api/v1/records/crm.company', { name: 'Maison mère' })
    const a = await other.post('/api/v1/records/crm.company', {
      name: 'Filiale',
      parent: parent.body.id,
      address: { city: 'Lyon' },
      secret: null,
    })
    expect(a.body).toMatchObject({ name: 'Filiale' })
    const hist = await other.get(`/api/v1/records/crm.company/${a.body.id}/history`)
    const [created] = hist.body.data
    expect(created.action).toBe('create')
    const byField = Object.fromEntries(created.changes.map((c: any) => [c.field, c]))
    expect(Object.keys(byField).sort()).toEqual(['address', 'kind', 'name', 'number', 'owner', 'parent'])
    expect(byField.name).toEqual({ field: 'name', old: null, new: 'Filiale' })
    expect(byField.kind.new).toBe('prospect')
    expect(byField.parent).toMatchObject({ old: null, new: { id: parent.body.id, title: 'Maison mère' } })
    expect(byField.address.new).toMatchObject({ city: 'Lyon' })
    expect(byField.owner).toMatchObject({ old: null, new: { id: other.userId } })
    // An address left empty is not a change.
    const bare = await other.post('/api/v1/records/crm.company', { name: 'Sans adresse', address: {} })
    const bareHist = await other.get(`/api/v1/records/crm.company/${bare.body.id}/history`)
    expect(bareHist.body.data[0].changes.map((c: any) => c.field)).not.toContain('address')
  })
})
