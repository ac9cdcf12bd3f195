import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'
import notes from './fixtures/notes/server'

const COMPANIES = '/api/v1/records/crm.company'
const PEOPLE = '/api/v1/records/crm.person'
const TASKS = '/api/v1/records/notes.task'

let t: TestCore
let admin: TestClient
const co: Record<string, string> = {}
const people: { id: string; lastName: string; score: number | null }[] = []

async function create(path: string, body: Record<string, unknown>) {
  const r = await admin.post(path, body)
  if (r.status !== 201) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body
}

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm, notes], tenants: ['acme'] })
  admin = await t.as('acme')
  co.alpha = (
    await create(COMPANIES, {
      name: 'Alpha',
      kind: 'customer',
      revenue: '100.00',
      address: { city: 'Paris', country: 'FR' },
    })
  ).id
  co.beta = (
    await create(COMPANIES, { name: 'Bêta', kind: 'prospect', revenue: '250.50', address: { city: 'Lyon' } })
  ).id
  co.gamma = (await create(COMPANIES, { name: 'Gamma', kind: 'supplier' })).id
  co.delta = (
    await create(COMPANIES, {
      name: 'Delta',
      kind: 'customer',
      revenue: '999.99',
      parent: co.alpha,
      address: { street: '3 quai de Paris', city: 'Rouen' },
    })
  ).id
  const rows: [string, string, number | null, string | null, string[], string][] = [
    ['Martin', 'Anne', 40, '1980-03-01', ['vip'], co.alpha],
    ['Bernard', 'Luc', 75, '1990-07-14', ['press', 'partner'], co.alpha],
    ['Durand', 'Zoé', null, null, [], co.beta],
    ['Martin', 'Paul', 75, '2000-01-01', ['partner'], co.alpha],
    ['Petit', 'Léa', 10, '1975-12-31', ['vip', 'press'], co.beta],
    ['Leroy', 'Jean', null, '1985-05-05', [], co.alpha],
    ['Moreau', 'Inès', 75, '1992-02-29', [], co.gamma],
    ['Simon', 'Hugo', 90, '1999-09-09', ['vip'], co.alpha],
    ['Martin', 'Éric', 5, '1970-01-01', [], co.alpha],
    ['Laurent', 'Mia', 40, '1988-08-08', ['press'], co.alpha],
    ['Michel', 'Noé', null, '1995-04-04', [], co.delta],
    ['Garcia', 'Ana', 60, '2001-06-06', ['partner'], co.alpha],
  ]
  for (const [lastName, firstName, score, birthdate, tags, company] of rows) {
    const p = await create(PEOPLE, { lastName, firstName, score, birthdate, tags, company })
    people.push({ id: p.id, lastName, score })
  }
  for (const [label, done] of [
    ['Relancer', true],
    ['Appeler', false],
    ['Écrire', true],
  ] as const)
    await create(TASKS, { label, done, company: co.alpha })
})
afterAll(() => t?.close())

async function names(path: string, key = 'name'): Promise<string[]> {
  const r = await admin.get(path)
  expect(r.status, JSON.stringify(r.body)).toBe(200)
  return r.body.data.map((x: any) => x[key]).sort()
}

describe('list filters', () => {
  it('compares text and select fields: eq, ne, in, contains, startsWith, isNull', async () => {
    expect(await names(`${COMPANIES}?filter[kind][eq]=customer`)).toEqual(['Alpha', 'Delta'])
    expect(await names(`${COMPANIES}?filter[kind]=supplier`)).toEqual(['Gamma'])
    expect(await names(`${COMPANIES}?filter[kind][ne]=customer`)).toEqual(['Bêta', 'Gamma'])
    expect(await names(`${COMPANIES}?filter[kind][in]=prospect,supplier`)).toEqual(['Bêta', 'Gamma'])
    expect(await names(`${COMPANIES}?filter[name][contains]=ET`)).toEqual(['Bêta'])
    expect(await names(`${COMPANIES}?filter[name][contains]=lph`)).toEqual(['Alpha'])
    expect(await names(`${COMPANIES}?filter[name][startsWith]=del`)).toEqual(['Delta'])
    expect(
      await names(`${PEOPLE}?filter[firstName][isNull]=false&filter[lastName][eq]=Martin`, 'firstName'),
    ).toEqual(['Anne', 'Paul', 'Éric'])
    expect(await names(`${COMPANIES}?filter[siren][isNull]=true`)).toEqual([
      'Alpha',
      'Bêta',
      'Delta',
      'Gamma',
    ])
  })

  it('compares money: lt, lte, gt, gte, between, isNull', async () => {
    expect(await names(`${COMPANIES}?filter[revenue][lt]=250.50`)).toEqual(['Alpha'])
    expect(await names(`${COMPANIES}?filter[revenue][lte]=250.5`)).toEqual(['Alpha', 'Bêta'])
    expect(await names(`${COMPANIES}?filter[revenue][gt]=250.5`)).toEqual(['Delta'])
    expect(await names(`${COMPANIES}?filter[revenue][gte]=250.50`)).toEqual(['Bêta', 'Delta'])
    expect(await names(`${COMPANIES}?filter[revenue][between]=100,300`)).toEqual(['Alpha', 'Bêta'])
    expect(await names(`${COMPANIES}?filter[revenue][isNull]=true`)).toEqual(['Gamma'])
    expect(await names(`${COMPANIES}?filter[revenue][isNull]=false`)).toEqual(['Alpha', 'Bêta', 'Delta'])
  })

  it('compares dates and integers, between included', async () => {
    expect(await names(`${PEOPLE}?filter[birthdate][between]=1980-03-01,1990-07-14`, 'firstName')).toEqual([
      'Anne',
      'Jean',
      'Luc',
      'Mia',
    ])
    expect(await names(`${PEOPLE}?filter[birthdate][lt]=1976-01-01`, 'firstName')).toEqual(['Léa', 'Éric'])
    expect(await names(`${PEOPLE}?filter[birthdate][gte]=2000-01-01`, 'firstName')).toEqual(['Ana', 'Paul'])
    expect(await names(`${PEOPLE}?filter[birthdate][isNull]=true`, 'firstName')).toEqual(['Zoé'])
    expect(await names(`${PEOPLE}?filter[score][gt]=75`, 'firstName')).toEqual(['Hugo'])
    expect(await names(`${PEOPLE}?filter[score][in]=5,10`, 'firstName')).toEqual(['Léa', 'Éric'])
    const created = await admin.get(`${PEOPLE}?filter[createdAt][lte]=2000-01-01T00:00:00Z&count=true`)
    expect(created.body.total).toBe(0)
  })

  it('filters relations by id, multiSelect, address parts and booleans', async () => {
    expect(await names(`${COMPANIES}?filter[parent][eq]=${co.alpha}`)).toEqual(['Delta'])
    expect(await names(`${COMPANIES}?filter[parent][isNull]=true`)).toEqual(['Alpha', 'Bêta', 'Gamma'])
    expect(await names(`${PEOPLE}?filter[company][in]=${co.beta},${co.delta}`, 'firstName')).toEqual([
      'Léa',
      'Noé',
      'Zoé',
    ])
    expect(await names(`${PEOPLE}?filter[tags][contains]=vip`, 'firstName')).toEqual(['Anne', 'Hugo', 'Léa'])
    expect(await names(`${PEOPLE}?filter[tags][in]=press,partner`, 'firstName')).toEqual([
      'Ana',
      'Luc',
      'Léa',
      'Mia',
      'Paul',
    ])
    const untagged = await admin.get(`${PEOPLE}?filter[tags][isNull]=true&count=true`)
    expect(untagged.body.total).toBe(5)
    expect(await names(`${COMPANIES}?filter[address][contains]=paris`)).toEqual(['Alpha', 'Delta'])
    expect(await names(`${COMPANIES}?filter[address.city][eq]=Lyon`)).toEqual(['Bêta'])
    expect(await names(`${COMPANIES}?filter[address][isNull]=true`)).toEqual(['Gamma'])
    expect(await names(`${TASKS}?filter[done][eq]=true`, 'label')).toEqual(['Relancer', 'Écrire'])
    expect(await names(`${TASKS}?filter[done][ne]=true`, 'label')).toEqual(['Appeler'])
  })

  it('answers 400 naming the parameter for a wrong operator, value or limit', async () => {
    const op = await admin.get(`${COMPANIES}?filter[revenue][startsWith]=1`)
    expect(op.status).toBe(400)
    expect(op.body.errors).toEqual([expect.objectContaining({ path: 'filter[revenue][startsWith]' })])
    const value = await admin.get(`${PEOPLE}?filter[birthdate][between]=1980-01-01`)
    expect(value.status).toBe(400)
    expect(value.body.errors[0].path).toBe('filter[birthdate][between]')
    const limit = await admin.get(`${COMPANIES}?limit=201`)
    expect(limit.status).toBe(400)
    expect(limit.headers.get('content-type')).toContain('application/problem+json')
    expect(limit.body.errors).toEqual([expect.objectContaining({ path: 'limit', code: 'invalid_limit' })])
    expect((await admin.get(`${COMPANIES}?limit=200`)).status).toBe(200)
  })
})

/** Sorts like the API: each key in its direction, nulls last either way, then the id in the last key's direction. */
function expected(desc: [boolean, boolean]) {
  const cmp = (a: any, b: any, d: boolean) => {
    if (a === b) return 0
    if (a === null) return 1
    if (b === null) return -1
    return (a < b ? -1 : 1) * (d ? -1 : 1)
  }
  return [...people]
    .sort(
      (a, b) =>
        cmp(a.score, b.score, desc[0]) || cmp(a.lastName, b.lastName, desc[1]) || cmp(a.id, b.id, desc[1]),
    )
    .map((p) => p.id)
}

async function allPages(path: string, limit: number): Promise<string[][]> {
  const pages: string[][] = []
  let cursor: string | null = null
  do {
    const r: any = await admin.get(`${path}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    pages.push(r.body.data.map((x: any) => x.id))
    cursor = r.body.nextCursor
  } while (cursor && pages.length < 20)
  return pages
}

describe('sorting and paging', () => {
  for (const [sort, desc] of [
    ['-score,lastName', [true, false]],
    ['score,-lastName', [false, true]],
    ['-score,-lastName', [true, true]],
  ] as const) {
    it(`pages through sort=${sort} with no duplicate and no gap`, async () => {
      const pages = await allPages(`${PEOPLE}?sort=${sort}`, 5)
      expect(pages.map((p) => p.length)).toEqual([5, 5, 2])
      expect(pages.flat()).toEqual(expected([...desc] as [boolean, boolean]))
    })
  }

  it('returns only the asked fields, plus id, version and title', async () => {
    const r = await admin.get(`${COMPANIES}?fields=revenue&filter[name][eq]=Alpha`)
    expect(r.status).toBe(200)
    const [row] = r.body.data
    expect(row).toMatchObject({ id: co.alpha, version: 1, _title: 'Alpha', revenue: '100.00' })
    expect(row).not.toHaveProperty('kind')
    expect(row).not.toHaveProperty('address')
    expect(row).not.toHaveProperty('siren')
  })
})

describe('related lists', () => {
  it('filter, sort and page like lists', async () => {
    const base = `${COMPANIES}/${co.alpha}/related/crm.person.company?filter[score][gte]=40&sort=-score,firstName`
    const first = await admin.get(`${base}&limit=3&count=true`)
    expect(first.status).toBe(200)
    expect(first.body.total).toBe(6)
    expect(first.body.data.map((p: any) => p.firstName)).toEqual(['Hugo', 'Luc', 'Paul'])
    const second = await admin.get(`${base}&limit=3&cursor=${first.body.nextCursor}`)
    expect(second.body.data.map((p: any) => p.firstName)).toEqual(['Ana', 'Anne', 'Mia'])
    expect(second.body.nextCursor).toBeNull()
    const bad = await admin.get(
      `${COMPANIES}/${co.alpha}/related/crm.person.company?filter[score][contains]=4`,
    )
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].path).toBe('filter[score][contains]')
  })

  it('answer 404 for a parent that does not exist, and 400 for a cursor the list rejects', async () => {
    const missing = await admin.get(
      `${COMPANIES}/01900000-0000-7000-8000-000000000000/related/crm.person.company?filter[score][gte]=40`,
    )
    expect(missing.status).toBe(404)
    const badCursor = await admin.get(`${COMPANIES}/${co.alpha}/related/crm.person.company?cursor=bm9wZQ`)
    expect(badCursor.status).toBe(400)
    expect(badCursor.body.errors[0].path).toBe('cursor')
    const unknown = await admin.get(`${COMPANIES}/${co.alpha}/related/crm.nothing`)
    expect(unknown.status).toBe(404)
  })
})
