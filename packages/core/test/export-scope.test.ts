import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerImportJobs } from '../src/import/register'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'
import { importFile, send } from './fixtures/csv/helpers'

let t: TestCore
let admin: TestClient
let rep: TestClient
let companyId: string

/** More than one page of the export (1,000 rows) belongs to the representative. */
const REP_ROWS = 1200
const ADMIN_ROWS = 60

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm] })
  registerImportJobs(t.core)
  admin = await t.as('acme')
  rep = await t.as('acme', {
    grants: {
      'crm.person.read': 'own',
      'crm.person.export': 'all',
      'crm.company.read': 'own',
    },
    fields: { 'crm.person.email': 'hidden' },
  })
  companyId = (await admin.post('/api/v1/records/crm.company', { name: 'Société Secrète' })).body.id
  const lines = ['Nom;E-mail;Société (id);Assigné à (id)']
  for (let i = 0; i < REP_ROWS; i++) lines.push(`Rep ${i};rep.${i}@exemple.fr;${companyId};${rep.userId}`)
  for (let i = 0; i < ADMIN_ROWS; i++) lines.push(`Admin ${i};admin.${i}@exemple.fr;${companyId};`)
  const s = await importFile(t, admin, 'crm.person', lines.join('\r\n'))
  expect(s).toMatchObject({ created: REP_ROWS + ADMIN_ROWS, errors: [] })
})
afterAll(() => t?.close())

const exported = async (client: TestClient, query = 'format=csv') => {
  const r = await send(t, client, 'GET', `/api/v1/export/crm.person?${query}`)
  expect(r.status).toBe(200)
  const [header, ...rows] = r.text.trim().split('\r\n')
  return { header: header.split(','), rows: rows.map((l) => l.split(',')) }
}

describe('what an export leaves out', () => {
  it('writes only the rows in the user’s read scope, across pages', async () => {
    const { header, rows } = await exported(rep)
    const name = header.indexOf('Nom')
    expect(rows).toHaveLength(REP_ROWS)
    expect(rows.every((r) => r[name].startsWith('Rep '))).toBe(true)
    expect(new Set(rows.map((r) => r[0])).size).toBe(REP_ROWS)
    expect((await exported(admin)).rows).toHaveLength(REP_ROWS + ADMIN_ROWS)
  })

  it('leaves out a field hidden by a field rule: no column, no value', async () => {
    const hidden = await exported(rep)
    expect(hidden.header).not.toContain('E-mail')
    expect(hidden.rows.flat().some((cell) => cell.includes('@exemple.fr'))).toBe(false)
    const all = await exported(admin)
    expect(all.header).toContain('E-mail')
    expect(all.rows.flat().filter((cell) => cell.includes('@exemple.fr'))).toHaveLength(REP_ROWS + ADMIN_ROWS)
  })

  it('shows a linked record’s title only to who may read it, its id to both', async () => {
    for (const [client, title] of [
      [rep, ''],
      [admin, 'Société Secrète'],
    ] as const) {
      const { header, rows } = await exported(client)
      const company = header.indexOf('Société')
      expect(header[company + 1]).toBe('Société (id)')
      expect(new Set(rows.map((r) => r[company]))).toEqual(new Set([title]))
      expect(new Set(rows.map((r) => r[company + 1]))).toEqual(new Set([companyId]))
    }
  })

  it('applies the export scope on top of the read scope', async () => {
    const narrow = await t.as('acme', {
      grants: { 'crm.person.read': 'all', 'crm.person.export': 'own' },
    })
    await importFile(t, admin, 'crm.person', `Nom;Assigné à (id)\nÀ moi;${narrow.userId}\n`)
    const { header, rows } = await exported(narrow)
    expect(rows.map((r) => r[header.indexOf('Nom')])).toEqual(['À moi'])
    const reader = await t.as('acme', { grants: { 'crm.person.read': 'all' } })
    expect((await send(t, reader, 'GET', '/api/v1/export/crm.person')).status).toBe(403)
  })

  it('follows the list’s filters and sort across pages, in the list’s order', async () => {
    const query = 'filter[lastName][startsWith]=Rep&sort=-lastName'
    const { header, rows } = await exported(admin, `format=csv&${query}`)
    const listed: string[] = []
    let cursor: string | null = null
    do {
      const page: any = await admin.get(
        `/api/v1/records/crm.person?${query}&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      )
      listed.push(...page.body.data.map((p: any) => p.lastName))
      cursor = page.body.nextCursor
    } while (cursor)
    expect(listed).toHaveLength(REP_ROWS)
    expect(rows.map((r) => r[header.indexOf('Nom')])).toEqual(listed)
  })
})
