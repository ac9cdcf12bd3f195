import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerImportJobs } from '../src/import/register'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'
import { importFile, upload } from './fixtures/csv/helpers'

let t: TestCore
let admin: TestClient
let company: any

const grants = {
  'crm.company.read': 'all',
  'crm.company.create': 'all',
  'crm.company.update': 'all',
  'crm.company.import': 'all',
} as const

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm], tenants: ['acme'] })
  registerImportJobs(t.core)
  admin = await t.as('acme')
  for (const [name, fr, en] of [
    ['rating', 'Note', 'Rating'],
    ['tier', 'Palier', 'Tier'],
  ])
    await admin.post('/api/v1/admin/custom-fields', {
      entity: 'crm.company',
      name,
      type: 'integer',
      labels: { fr, en },
    })
  company = (
    await admin.post('/api/v1/records/crm.company', { name: 'Notée SA', custom: { rating: 3, tier: 1 } })
  ).body
})
afterAll(() => t?.close())

const stored = async () => (await admin.get(`/api/v1/records/crm.company/${company.id}`)).body.custom

describe('field rules on custom fields', () => {
  it('refuses to change a read-only custom field with a 403 naming it, and keeps the value', async () => {
    const ro = await t.as('acme', { grants, fields: { 'crm.company.custom.rating': 'readOnly' } })
    const seen = await ro.get(`/api/v1/records/crm.company/${company.id}`)
    expect(seen.body.custom).toMatchObject({ rating: 3 })
    const w = await ro.patch(`/api/v1/records/crm.company/${company.id}`, {
      version: seen.body.version,
      custom: { rating: 9 },
    })
    expect(w.status).toBe(403)
    expect(w.body).toMatchObject({ code: 'field-read-only', errors: [{ path: 'custom.rating' }] })
    expect(await stored()).toMatchObject({ rating: 3, tier: 1 })
    // Echoing the value unchanged, and writing the other custom field, are fine.
    const ok = await ro.patch(`/api/v1/records/crm.company/${company.id}`, {
      version: seen.body.version,
      custom: { rating: 3, tier: 2 },
    })
    expect(ok.status).toBe(200)
    expect(await stored()).toMatchObject({ rating: 3, tier: 2 })
    const created = await ro.post('/api/v1/records/crm.company', { name: 'Nouvelle', custom: { rating: 5 } })
    expect(created.status).toBe(403)
    expect(created.body.errors[0].path).toBe('custom.rating')
    const bulk = await ro.post('/api/v1/records/crm.company/bulk', {
      action: 'update',
      ids: [company.id],
      data: { custom: { rating: 7 } },
    })
    expect(bulk.status).toBe(403)
    expect(await stored()).toMatchObject({ rating: 3 })
  })

  it('hides a hidden custom field from reads and refuses writing it with a 403, not an unknown field', async () => {
    const hid = await t.as('acme', { grants, fields: { 'crm.company.custom.rating': 'hidden' } })
    const seen = await hid.get(`/api/v1/records/crm.company/${company.id}`)
    expect(seen.body.custom).not.toHaveProperty('rating')
    const list = await hid.get('/api/v1/records/crm.company')
    expect(JSON.stringify(list.body.data)).not.toContain('"rating"')
    const w = await hid.patch(`/api/v1/records/crm.company/${company.id}`, {
      version: seen.body.version,
      custom: { rating: 1 },
    })
    expect(w.status).toBe(403)
    expect(w.body).toMatchObject({ code: 'field-hidden', errors: [{ path: 'custom.rating' }] })
    const created = await hid.post('/api/v1/records/crm.company', { name: 'Cachée', custom: { rating: 1 } })
    expect(created.status).toBe(403)
    expect(await stored()).toMatchObject({ rating: 3 })
    // Nor can it be probed through a filter or a sort.
    expect((await hid.get('/api/v1/records/crm.company?filter[custom.rating][eq]=3')).status).toBe(400)
    expect((await hid.get('/api/v1/records/crm.company?sort=custom.rating')).status).toBe(400)
  })

  it('refuses an import column that writes a hidden custom field, by label, name or explicit mapping', async () => {
    const hid = await t.as('acme', { grants, fields: { 'crm.company.custom.rating': 'hidden' } })
    const byLabel = await upload(t, hid, 'crm.company', 'Nom;Note\nImportée;4\n')
    expect(byLabel.status).toBe(403)
    expect(byLabel.json.errors[0]).toMatchObject({
      path: 'mapping.Note',
      code: 'field_hidden',
      params: { field: 'custom.rating' },
    })
    const byKey = await upload(t, hid, 'crm.company', 'Nom;custom.rating\nImportée;4\n')
    expect(byKey.status).toBe(403)
    const mapped = await upload(
      t,
      hid,
      'crm.company',
      'Nom;Colonne\nImportée;4\n',
      `mapping=${encodeURIComponent('{"Colonne":"custom.rating"}')}`,
    )
    expect(mapped.status).toBe(403)
    expect(mapped.json.errors[0]).toMatchObject({ path: 'mapping.Colonne', code: 'field_hidden' })
    // The same file is fine for a user who may see the field.
    const seeing = await t.as('acme', { grants })
    expect((await upload(t, seeing, 'crm.company', 'Nom;Note\nImportée;4\n', 'dryRun=true')).status).toBe(202)
  })

  it('reports a read-only custom field on the import row and column, and writes nothing of that row', async () => {
    const ro = await t.as('acme', { grants, fields: { 'crm.company.custom.rating': 'readOnly' } })
    const s = await importFile(t, ro, 'crm.company', `id;Note\n${company.id};8\n`, 'mode=update&key=id')
    expect(s.errors[0]).toMatchObject({
      line: 2,
      column: 'Note',
      message: 'Ce champ est en lecture seule pour vous.',
    })
    expect(await stored()).toMatchObject({ rating: 3 })
    // A file that carries the value unchanged, as exported, is fine.
    const same = await importFile(
      t,
      ro,
      'crm.company',
      `id;Note;Palier\n${company.id};3;5\n`,
      'mode=update&key=id',
    )
    expect(same).toMatchObject({ updated: 1, errors: [] })
    expect(await stored()).toMatchObject({ rating: 3, tier: 5 })
  })
})
