import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'

let t: TestCore
let admin: TestClient
let globex: TestClient

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm] })
  admin = await t.as('acme')
  globex = await t.as('globex')
})
afterAll(() => t?.close())

const RATING = {
  entity: 'crm.company',
  name: 'rating',
  type: 'integer',
  labels: { fr: 'Note', en: 'Rating' },
}

describe('custom fields', () => {
  it('adds a field the records engine validates, filters, sorts and returns under custom', async () => {
    const r = await admin.post('/api/v1/admin/custom-fields', RATING)
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({ ...RATING, options: [], required: false, position: 0 })
    await admin.post('/api/v1/records/crm.company', { name: 'Trois', custom: { rating: 3 } })
    await admin.post('/api/v1/records/crm.company', { name: 'Cinq', custom: { rating: '5' } })
    const bad = await admin.post('/api/v1/records/crm.company', { name: 'Bad', custom: { rating: 'abc' } })
    expect(bad.status).toBe(422)
    expect(bad.body.errors[0].path).toBe('custom.rating')
    const list = await admin.get('/api/v1/records/crm.company?filter[custom.rating][gte]=4')
    expect(list.body.data.map((x: any) => [x.name, x.custom.rating])).toEqual([['Cinq', 5]])
    const sorted = await admin.get('/api/v1/records/crm.company?sort=-custom.rating')
    expect(sorted.body.data.map((x: any) => x.name)).toEqual(['Cinq', 'Trois'])
    const meta = await admin.get('/api/v1/bootstrap')
    expect(meta.body.entities['crm.company'].fields['custom.rating']).toMatchObject({
      origin: 'custom',
      labels: { fr: 'Note' },
    })
    expect((await globex.get('/api/v1/bootstrap')).body.entities['crm.company'].fields).not.toHaveProperty(
      'custom.rating',
    )
  })

  it('takes options for selects only, and names every invalid part', async () => {
    const sel = await admin.post('/api/v1/admin/custom-fields', {
      entity: 'crm.company',
      name: 'segment',
      type: 'select',
      labels: { fr: 'Segment', en: 'Segment' },
      options: ['PME', 'ETI', 'Grand compte'],
      required: true,
    })
    expect(sel.status).toBe(201)
    const missing = await admin.post('/api/v1/records/crm.company', { name: 'Sans segment' })
    expect(missing.body.errors[0]).toMatchObject({ path: 'custom.segment', code: 'required' })
    const r = await admin.post('/api/v1/admin/custom-fields', {
      entity: 'crm.nothing',
      name: 'Bad-Name',
      type: 'blob',
      labels: { fr: '' },
      options: ['a'],
    })
    expect(r.status).toBe(422)
    expect(r.body.errors.map((e: any) => `${e.path}:${e.code}`).sort()).toEqual([
      'entity:invalid_option',
      'labels.en:required',
      'labels.fr:required',
      'name:invalid_format',
      'type:invalid_option',
    ])
    const noOptions = await admin.post('/api/v1/admin/custom-fields', {
      ...RATING,
      name: 'kind2',
      type: 'multiSelect',
      options: ['a', 'a'],
    })
    expect(noOptions.body.errors).toEqual([expect.objectContaining({ path: 'options.1', code: 'unique' })])
    const extra = await admin.post('/api/v1/admin/custom-fields', {
      ...RATING,
      name: 'score',
      options: ['x'],
    })
    expect(extra.body.errors).toEqual([expect.objectContaining({ path: 'options', code: 'not_allowed' })])
    const dup = await admin.post('/api/v1/admin/custom-fields', RATING)
    expect(dup.body.errors).toEqual([expect.objectContaining({ path: 'name', code: 'unique' })])
    expect(
      (await admin.get('/api/v1/admin/custom-fields?entity=crm.company')).body.data.map((f: any) => f.name),
    ).toEqual(['rating', 'segment'])
  })

  it('changes labels, options and order but never the entity, name or type', async () => {
    const seg = (await admin.get('/api/v1/admin/custom-fields')).body.data.find(
      (f: any) => f.name === 'segment',
    )
    const r = await admin.patch(`/api/v1/admin/custom-fields/${seg.id}`, {
      labels: { fr: 'Taille', en: 'Size' },
      options: ['TPE', 'PME', 'ETI', 'Grand compte'],
      required: false,
      position: 5,
    })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({
      labels: { fr: 'Taille', en: 'Size' },
      options: ['TPE', 'PME', 'ETI', 'Grand compte'],
      required: false,
    })
    const fixed = await admin.patch(`/api/v1/admin/custom-fields/${seg.id}`, { type: 'text', name: 'taille' })
    expect(fixed.status).toBe(422)
    expect(fixed.body.errors.map((e: any) => `${e.path}:${e.code}`).sort()).toEqual([
      'name:read_only',
      'type:read_only',
    ])
    expect(
      (await admin.post('/api/v1/records/crm.company', { name: 'Petite', custom: { segment: 'TPE' } }))
        .status,
    ).toBe(201)
  })

  it('erases a deleted field’s values, so a new field of that name starts empty', async () => {
    const rating = (await admin.get('/api/v1/admin/custom-fields')).body.data.find(
      (f: any) => f.name === 'rating',
    )
    expect((await admin.delete(`/api/v1/admin/custom-fields/${rating.id}`)).status).toBe(200)
    const gone = await admin.get('/api/v1/records/crm.company?sort=name')
    expect(gone.body.data[0].custom).not.toHaveProperty('rating')
    expect((await admin.get('/api/v1/records/crm.company?filter[custom.rating][gte]=1')).status).toBe(400)
    await admin.post('/api/v1/admin/custom-fields', { ...RATING, type: 'text' })
    const again = await admin.get('/api/v1/records/crm.company?filter[custom.rating][contains]=5')
    expect(again.status).toBe(200)
    expect(again.body.data).toEqual([])
  })

  it('is for administrators only, and another tenant’s fields do not exist', async () => {
    const rep = await t.as('acme', { roles: ['sales-rep'] })
    const id = (await admin.get('/api/v1/admin/custom-fields')).body.data[0].id
    expect((await rep.get('/api/v1/admin/custom-fields')).status).toBe(403)
    expect((await rep.post('/api/v1/admin/custom-fields', { ...RATING, name: 'mine' })).status).toBe(403)
    expect(
      (await rep.patch(`/api/v1/admin/custom-fields/${id}`, { labels: { fr: 'x', en: 'x' } })).status,
    ).toBe(403)
    expect((await rep.delete(`/api/v1/admin/custom-fields/${id}`)).status).toBe(403)
    expect(
      (await globex.patch(`/api/v1/admin/custom-fields/${id}`, { labels: { fr: 'x', en: 'x' } })).status,
    ).toBe(404)
    expect((await globex.delete(`/api/v1/admin/custom-fields/${id}`)).status).toBe(404)
    expect((await globex.get('/api/v1/admin/custom-fields')).body.data).toEqual([])
    expect(
      (await admin.get('/api/v1/admin/custom-fields')).body.data.find((f: any) => f.id === id).labels.fr,
    ).not.toBe('x')
  })
})
