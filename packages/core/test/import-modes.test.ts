import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import { registerImportJobs } from '../src/import/register'
import crm from './fixtures/crm/server'
import { allRecords, importFile, upload } from './fixtures/csv/helpers'

let t: TestCore
let admin: TestClient

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm] })
  registerImportJobs(t.core)
  admin = await t.as('acme')
  const companies = 'Nom;SIREN;Type\nAlpha;732 829 320;Prospect\nBeta;303 265 045;Prospect\nGamma;;Client\n'
  await importFile(t, admin, 'crm.company', companies)
})
afterAll(() => t?.close())

const byName = async () =>
  Object.fromEntries((await allRecords(admin, 'crm.company')).map((c) => [c.name, c]))

describe('create, update and upsert', () => {
  it('updates on a unique field and leaves unchanged rows alone', async () => {
    const before = await byName()
    const s = await importFile(
      t,
      admin,
      'crm.company',
      'Numéro;Type\nCO-0001;Client\nCO-0002;Prospect\n',
      'mode=update&key=number',
    )
    expect(s).toMatchObject({ status: 'done', updated: 1, unchanged: 1, created: 0, errors: [] })
    const after = await byName()
    expect(after.Alpha).toMatchObject({ kind: 'customer', version: before.Alpha.version + 1 })
    expect(after.Beta.version).toBe(before.Beta.version)
    const history = await admin.get(`/api/v1/records/crm.company/${after.Alpha.id}/history`)
    expect(history.body.data[0]).toMatchObject({
      action: 'update',
      changes: [{ field: 'kind', old: 'prospect', new: 'customer' }],
    })
    expect(history.body.data[0].note).toMatchObject({ key: 'core:history.import', import: s.id, line: 2 })
  })

  it('upserts on SIREN: updates the one that exists, creates the other', async () => {
    const s = await importFile(
      t,
      admin,
      'crm.company',
      'Nom;SIREN;Chiffre d’affaires\nAlpha SA;732829320;100\nDelta;552 100 554;200,5\n',
      'mode=upsert&key=siren',
    )
    expect(s).toMatchObject({ updated: 1, created: 1, errors: [] })
    const after = await byName()
    expect(after['Alpha SA']).toMatchObject({ siren: '732829320', revenue: '100.00', number: 'CO-0001' })
    expect(after.Delta).toMatchObject({ siren: '552100554', revenue: '200.50', number: 'CO-0004' })
  })

  it('in update mode, reports keys that match nothing or are empty', async () => {
    const s = await importFile(
      t,
      admin,
      'crm.company',
      'SIREN;Type\n356 000 000;Client\n;Client\n',
      'mode=update&key=siren',
    )
    expect(s).toMatchObject({ updated: 0, failed: 2 })
    expect(s.errors.map((e: any) => [e.line, e.column, e.message])).toEqual([
      [2, 'SIREN', 'Aucun enregistrement ne correspond à cette clé.'],
      [3, 'SIREN', 'La clé de rapprochement est vide.'],
    ])
  })

  it('reports duplicates inside the file and writes only the first', async () => {
    const csv = 'Nom;SIREN\nEpsilon;443 061 841\nEpsilon bis;443061841\nZeta;\n'
    const s = await importFile(t, admin, 'crm.company', csv, 'mode=upsert&key=siren')
    expect(s).toMatchObject({ created: 2, failed: 1 })
    expect(s.errors[0]).toMatchObject({
      line: 3,
      column: 'SIREN',
      message: 'Doublon de la ligne 2 du fichier.',
    })
    expect((await byName())['Epsilon bis']).toBeUndefined()
  })

  it('finds duplicates across batches too, and unique values already taken', async () => {
    const small = await createTestCore({ plugins: [crm] })
    registerImportJobs(small.core, { batchSize: 2 })
    const a = await small.as('acme')
    const s = await importFile(
      small,
      a,
      'crm.company',
      'Nom;SIREN\nUn;732829320\nDeux;303265045\nTrois;732 829 320\n',
    )
    expect(s.errors.map((e: any) => [e.line, e.code])).toEqual([[4, 'import_duplicate']])
    const again = await importFile(small, a, 'crm.company', 'Nom;SIREN\nQuatre;303265045\n')
    expect(again.errors.map((e: any) => [e.line, e.column, e.message])).toEqual([
      [2, 'SIREN', 'Cette valeur est déjà utilisée.'],
    ])
    await small.close()
  })

  it('upserts by id: rows with an id update that record, rows without one create', async () => {
    const alpha = (await byName())['Alpha SA']
    const csv = `id;Nom\n${alpha.id};Alpha Groupe\n;Eta\n01900000-0000-7000-8000-000000000000;Fantôme\n`
    const s = await importFile(t, admin, 'crm.company', csv, 'mode=upsert')
    expect(s).toMatchObject({ key: 'id', updated: 1, created: 1, failed: 1 })
    expect(s.errors[0]).toMatchObject({ line: 4, column: 'id', code: 'import_no_match' })
    expect((await byName())['Alpha Groupe'].id).toBe(alpha.id)
  })

  it('refuses a key that is not unique or not in the file', async () => {
    const notUnique = await upload(t, admin, 'crm.company', 'Nom\nX\n', 'mode=update&key=name')
    expect(notUnique.status).toBe(400)
    expect(notUnique.json.errors[0]).toMatchObject({ path: 'key', code: 'import_invalid_key' })
    const missing = await upload(t, admin, 'crm.company', 'Nom\nX\n', 'mode=upsert&key=siren')
    expect(missing.json.errors[0]).toMatchObject({ path: 'key', code: 'import_key_not_mapped' })
    const bad = await upload(t, admin, 'crm.company', 'Nom\nX\n', 'mode=merge')
    expect(bad.json.errors[0]).toMatchObject({ path: 'mode', code: 'invalid_option' })
  })
})

describe('linked records', () => {
  it('fills a relation from a name, a number or a SIREN, and reports names that match nothing', async () => {
    const csv = 'Nom;Société\nA;Alpha Groupe\nB;CO-0002\nC;552100554\nD;Inconnue SARL\nE;alpha groupe\n'
    const s = await importFile(t, admin, 'crm.person', csv)
    expect(s).toMatchObject({ created: 4, failed: 1 })
    expect(s.errors[0]).toMatchObject({
      line: 5,
      column: 'Société',
      message: 'Aucun enregistrement lié ne correspond à « Inconnue SARL ».',
    })
    const people = Object.fromEntries(
      (await allRecords(admin, 'crm.person')).map((p) => [p.lastName, p.company?.title]),
    )
    expect(people).toMatchObject({ A: 'Alpha Groupe', B: 'Beta', C: 'Delta', E: 'Alpha Groupe' })
  })

  it('reports a name two records share instead of guessing', async () => {
    await admin.post('/api/v1/records/crm.company', { name: 'Homonyme' })
    await admin.post('/api/v1/records/crm.company', { name: 'Homonyme' })
    const s = await importFile(t, admin, 'crm.person', 'Nom;Société\nH;Homonyme\n')
    expect(s.errors[0]).toMatchObject({ column: 'Société', code: 'import_ambiguous_reference' })
  })

  it('creates a missing linked record once, however many batches name it', async () => {
    const small = await createTestCore({ plugins: [crm] })
    registerImportJobs(small.core, { batchSize: 2 })
    const a = await small.as('acme')
    const names = ['Nouvelle Société', 'nouvelle societe', 'Autre SARL', 'Nouvelle Société', 'AUTRE SARL']
    const rows = Array.from({ length: 30 }, (_, i) => `P${i};${names[i % names.length]}`)
    const s = await importFile(
      small,
      a,
      'crm.person',
      `Nom;Société\n${rows.join('\n')}\n`,
      'createMissing=true',
    )
    expect(s.errors).toEqual([])
    expect(s).toMatchObject({ created: 30, failed: 0 })
    const companies = await allRecords(a, 'crm.company')
    expect(companies.map((c) => c.name).sort()).toEqual(['Autre SARL', 'Nouvelle Société'])
    const people = await allRecords(a, 'crm.person')
    const byCompany = new Map<string, number>()
    for (const p of people) byCompany.set(p.company?.title, (byCompany.get(p.company?.title) ?? 0) + 1)
    expect(Object.fromEntries(byCompany)).toEqual({ 'Nouvelle Société': 18, 'Autre SARL': 12 })
    await small.close()
  })

  it('assigns the owner named by e-mail, within the importing user’s scope', async () => {
    const rep = await t.as('acme', { email: 'rep@acme.test', name: 'Rita Rep', roles: ['sales-rep'] })
    const s = await importFile(
      t,
      admin,
      'crm.person',
      'Nom;Assigné à\nPour Rita;rep@acme.test\nPour personne;nobody@acme.test\n',
    )
    expect(s).toMatchObject({ created: 1, failed: 1 })
    const mine = await rep.get('/api/v1/records/crm.person')
    expect(mine.body.data.map((p: any) => p.lastName)).toEqual(['Pour Rita'])
    const repImport = await t.as('acme', {
      grants: { 'crm.person.read': 'own', 'crm.person.create': 'own', 'crm.person.import': 'own' },
    })
    const refused = await importFile(t, repImport, 'crm.person', 'Nom;Assigné à\nPas à moi;rep@acme.test\n')
    expect(refused.errors[0]).toMatchObject({
      column: 'Assigné à',
      message: 'Vous ne pouvez pas attribuer d’enregistrements à cet utilisateur.',
    })
  })
})
