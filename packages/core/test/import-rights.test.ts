import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import { registerImportJobs } from '../src/import/register'
import crm from './fixtures/crm/server'
import { allRecords, importFile, runJobs, send, upload } from './fixtures/csv/helpers'

let t: TestCore
let admin: TestClient
let other: TestClient

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm] })
  registerImportJobs(t.core)
  admin = await t.as('acme')
  other = await t.as('globex')
  await importFile(t, admin, 'crm.company', 'Nom;Note interne\nSecrète SA;ne pas divulguer\n')
})
afterAll(() => t?.close())

const exportText = async (client: TestClient, query = '') =>
  (await send(t, client, 'GET', `/api/v1/export/crm.person${query}`)).text

describe('rights', () => {
  it('needs the import and export permissions, on top of create and read', async () => {
    const reader = await t.as('acme', { grants: { 'crm.person.read': 'all', 'crm.person.create': 'all' } })
    const r = await upload(t, reader, 'crm.person', 'Nom\nX\n')
    expect(r.status).toBe(403)
    expect(r.json).toMatchObject({ code: 'forbidden', permission: 'crm.person.import' })
    const e = await send(t, reader, 'GET', '/api/v1/export/crm.person')
    expect(e.status).toBe(403)
    expect(e.json).toMatchObject({ permission: 'crm.person.export' })
    const importer = await t.as('acme', { grants: { 'crm.person.read': 'all', 'crm.person.import': 'all' } })
    const noCreate = await upload(t, importer, 'crm.person', 'Nom\nX\n')
    expect(noCreate.json).toMatchObject({ permission: 'crm.person.create' })
    expect((await upload(t, importer, 'crm.person', 'Nom\nX\n', 'mode=upsert&key=id')).status).toBe(403)
  })

  it('exports only the records the user may read, even with export granted on all', async () => {
    const rep = await t.as('acme', {
      grants: {
        'crm.person.read': 'own',
        'crm.person.create': 'own',
        'crm.person.import': 'own',
        'crm.person.export': 'all',
      },
    })
    await importFile(t, admin, 'crm.person', 'Nom\nÀ l’admin\n')
    await importFile(t, rep, 'crm.person', 'Nom\nAu commercial\n')
    const text = await exportText(rep)
    expect(text).toContain('Au commercial')
    expect(text).not.toContain('l’admin')
    expect(text.trim().split('\r\n')).toHaveLength(2)
    const all = await exportText(admin)
    expect(all).toContain('l’admin')
  })

  it('keeps hidden fields out of the export and refuses them on import', async () => {
    const hidden = await t.as('acme', {
      grants: {
        'crm.company.read': 'all',
        'crm.company.create': 'all',
        'crm.company.import': 'all',
        'crm.company.export': 'all',
      },
      fields: { 'crm.company.secret': 'hidden' },
    })
    const exported = (await send(t, hidden, 'GET', '/api/v1/export/crm.company')).text
    expect(exported).toContain('Secrète SA')
    expect(exported).not.toContain('Note interne')
    expect(exported).not.toContain('ne pas divulguer')
    const refused = await upload(t, hidden, 'crm.company', 'Nom;Note interne\nNouvelle;texte\n')
    expect(refused.status).toBe(403)
    expect(refused.json.errors[0]).toMatchObject({ path: 'mapping.Note interne', code: 'field_hidden' })
    const mapped = await upload(
      t,
      hidden,
      'crm.company',
      'Nom;Colonne\nNouvelle;texte\n',
      `mapping=${encodeURIComponent('{"Colonne":"secret"}')}`,
    )
    expect(mapped.status).toBe(403)
    const ignored = await importFile(
      t,
      hidden,
      'crm.company',
      'Nom;Note interne\nNouvelle;texte\n',
      `mapping=${encodeURIComponent('{"Note interne":null}')}`,
    )
    expect(ignored).toMatchObject({ created: 1, errors: [] })
    const created = (await allRecords(admin, 'crm.company')).find((c) => c.name === 'Nouvelle')
    expect(created.secret).toBeNull()
  })

  it('applies read-only field rules row by row', async () => {
    const ro = await t.as('acme', {
      grants: { 'crm.company.read': 'all', 'crm.company.update': 'all', 'crm.company.import': 'all' },
      fields: { 'crm.company.kind': 'readOnly' },
    })
    const s = await importFile(
      t,
      ro,
      'crm.company',
      'Numéro;Type\nCO-0001;Fournisseur\n',
      'mode=update&key=number',
    )
    expect(s.errors[0]).toMatchObject({
      line: 2,
      column: 'Type',
      message: 'Ce champ est en lecture seule pour vous.',
    })
  })
})

describe('jobs belong to their tenant and their user', () => {
  it('answers 404 for another tenant’s job, another user’s job and ids that are not jobs', async () => {
    const r = await upload(t, admin, 'crm.person', 'Nom\nMa tâche\n', 'dryRun=true')
    const id = r.json.id
    expect((await admin.get(`/api/v1/import/jobs/${id}`)).status).toBe(200)
    expect((await other.get(`/api/v1/import/jobs/${id}`)).status).toBe(404)
    expect((await other.post(`/api/v1/import/jobs/${id}/cancel`)).status).toBe(404)
    expect((await other.post(`/api/v1/import/jobs/${id}/undo`)).status).toBe(404)
    const colleague = await t.as('acme', { grants: { 'crm.person.read': 'all', 'crm.person.import': 'all' } })
    expect((await colleague.get(`/api/v1/import/jobs/${id}`)).status).toBe(404)
    expect((await admin.get('/api/v1/import/jobs/not-a-uuid')).status).toBe(404)
    await runJobs(t)
    expect((await allRecords(other, 'crm.person')).length).toBe(0)
  })
})
