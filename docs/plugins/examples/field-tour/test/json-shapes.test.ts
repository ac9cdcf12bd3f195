import { createTestCore, type TestClient, type TestCore } from '@comptoir/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fieldTour from '../src/server'

describe('field types in the API', () => {
  let t: TestCore
  let admin: TestClient
  let parent: { id: string }
  let child: Record<string, any>
  beforeAll(async () => {
    t = await createTestCore({ plugins: [fieldTour] })
    admin = await t.as('acme')
    parent = (await admin.post('/api/v1/records/field-tour.sample', { label: 'Parent' })).body
    const res = await admin.post('/api/v1/records/field-tour.sample', {
      label: '  Pain de campagne  ',
      code: 'pc-01',
      email: 'Boulangerie@Example.FR',
      phone: '+33 4 78 00 00 00',
      website: 'boulangerie.example.fr',
      quantity: '3',
      weight: '1,5',
      unitPrice: 4.2,
      discount: '10',
      startsOn: '2026-12-01',
      remindAt: '2026-12-01T08:30:00+01:00',
      active: true,
      tags: 'promo;new',
      parentSample: parent.id,
      about: { entity: 'field-tour.sample', id: parent.id },
      address: { street: '3 rue Mercière', postalCode: '69002', city: 'Lyon' },
      manager: { id: t.tenants.acme.adminId },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    child = res.body
  })
  afterAll(() => t.close())

  it('normalises input and answers each type in its JSON shape', () => {
    expect(child).toMatchObject({
      label: 'Pain de campagne',
      code: 'PC-01',
      email: 'boulangerie@example.fr',
      website: 'https://boulangerie.example.fr',
      quantity: 3,
      weight: '1.500',
      unitPrice: '4.20',
      discount: '10.00',
      total: '11.34',
      startsOn: '2026-12-01',
      remindAt: '2026-12-01T07:30:00.000Z',
      active: true,
      kind: 'goods',
      tags: ['promo', 'new'],
      parentSample: { id: parent.id, title: 'Parent' },
      about: { entity: 'field-tour.sample', id: parent.id, title: 'Parent' },
      address: { street: '3 rue Mercière', postalCode: '69002', city: 'Lyon', region: null, country: null },
      manager: { id: t.tenants.acme.adminId, title: 'Admin acme' },
      description: null,
      attachment: null,
    })
  })

  it('filters each type with the operators of its type', async () => {
    const ids = async (query: string) => {
      const res = await admin.get(`/api/v1/records/field-tour.sample?${query}`)
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      return res.body.data.map((r: { id: string }) => r.id)
    }
    expect(await ids('filter[label][contains]=campagne')).toEqual([child.id])
    expect(await ids('filter[code][startsWith]=PC')).toEqual([child.id])
    expect(await ids('filter[quantity][between]=2,5')).toEqual([child.id])
    expect(await ids('filter[unitPrice][gte]=4')).toEqual([child.id])
    expect(await ids('filter[startsOn][lt]=2027-01-01')).toEqual([child.id])
    expect(await ids('filter[active][eq]=true')).toEqual([child.id])
    expect(await ids('filter[kind][in]=goods,service')).toHaveLength(2)
    expect(await ids('filter[tags][contains]=promo')).toEqual([child.id])
    expect(await ids(`filter[parentSample][eq]=${parent.id}`)).toEqual([child.id])
    expect(await ids('filter[tags][in]=seasonal,new')).toEqual([child.id])
    expect(await ids('filter[description][isNull]=true')).toHaveLength(2)
    expect(await ids('filter[address][contains]=lyon')).toEqual([child.id])
    expect(await ids('filter[address][isNull]=true')).toHaveLength(1)
    expect(await ids(`filter[about][eq]=${parent.id}`)).toEqual([child.id])
    for (const unsupported of ['filter[active][contains]=x', 'filter[address][gt]=Lyon']) {
      const bad = await admin.get(`/api/v1/records/field-tour.sample?${unsupported}`)
      expect(bad.body.errors).toMatchObject([{ code: 'invalid_operator' }])
    }
  })
})
