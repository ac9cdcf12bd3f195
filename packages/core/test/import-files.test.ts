import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import { registerImportJobs } from '../src/import/register'
import crm from './fixtures/crm/server'
import { allRecords, fixture, importFile, runJobs, upload, uploadForm } from './fixtures/csv/helpers'

let t: TestCore
let admin: TestClient

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm] })
  registerImportJobs(t.core)
  admin = await t.as('acme')
})
afterAll(() => t?.close())

const people = (records: any[]) =>
  records
    .map((p) => [p.lastName, p.firstName, p.email, p.company?.title ?? null, p.birthdate, p.tags, p.score])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])))

describe('files as Excel writes them in France', () => {
  const expected = [
    [
      'Dupré',
      'Jérôme',
      'jerome.dupre@exemple.fr',
      'L’Étoile du Berger',
      '1970-12-25',
      ['press', 'partner'],
      7,
    ],
    ['Lefèvre', 'Zoé', 'zoe.lefevre@exemple.fr', 'L’Étoile du Berger', '1985-02-03', ['vip'], 42],
    ['Œuvre', 'Françoise', null, 'Café de la Gare', null, [], null],
  ]

  it('reads UTF-8 with a BOM: semicolons, French labels, dd/mm/yyyy, option labels, linked records by name', async () => {
    const s = await importFile(t, admin, 'crm.person', fixture('excel-fr-utf8-bom.csv'), 'createMissing=true')
    expect(s).toMatchObject({
      status: 'done',
      total: 3,
      done: 3,
      created: 3,
      failed: 0,
      createdLinked: 2,
      errors: [],
    })
    expect(people(await allRecords(admin, 'crm.person'))).toEqual(expected)
    const companies = await allRecords(admin, 'crm.company')
    expect(companies.map((c) => c.name).sort()).toEqual(['Café de la Gare', 'L’Étoile du Berger'])
  })

  it('detects Windows-1252 and finds the linked records the first file created', async () => {
    const before = await allRecords(admin, 'crm.person')
    const s = await importFile(t, admin, 'crm.person', fixture('excel-fr-cp1252.csv'))
    expect(s).toMatchObject({ status: 'done', created: 3, createdLinked: 0, errors: [] })
    const added = (await allRecords(admin, 'crm.person')).filter((p) => !before.some((b) => b.id === p.id))
    expect(people(added)).toEqual(expected)
    expect(new Set(added.map((p) => p.company?.id)).size).toBe(2)
    expect((await allRecords(admin, 'crm.company')).length).toBe(2)
  })

  it('reads comma decimals, spaces in numbers and address parts by their French names', async () => {
    const csv =
      'Nom;SIREN;Type;Chiffre d’affaires;Ville;Code postal\r\nBoulangerie Martin;732 829 320;Client;1 234,56;Besançon;25000\r\n'
    const s = await importFile(t, admin, 'crm.company', csv)
    expect(s).toMatchObject({ created: 1, errors: [] })
    const c = (await allRecords(admin, 'crm.company')).find((x) => x.name === 'Boulangerie Martin')
    expect(c).toMatchObject({
      siren: '732829320',
      kind: 'customer',
      revenue: '1234.56',
      address: { city: 'Besançon', postalCode: '25000' },
    })
  })
})

describe('standard CSV (RFC 4180)', () => {
  it('reads commas, quoted fields with commas, doubled quotes and line breaks, accents and ISO dates', async () => {
    const s = await importFile(t, admin, 'crm.person', fixture('rfc4180.csv'))
    expect(s).toMatchObject({ status: 'done', total: 4, created: 4, errors: [] })
    const got = (await allRecords(admin, 'crm.person')).filter(
      (p) => p.email?.endsWith('example.ie') || p.email?.endsWith('example.fr'),
    )
    expect(people(got)).toEqual([
      ['Durand, fils', 'Hélène', 'helene@example.fr', null, '1975-01-31', [], null],
      ['Le "Grand" Noël', 'Noël', 'noel@example.fr', null, null, ['partner'], null],
      ['Nom sur\r\ndeux lignes', 'Ève', 'eve@example.fr', null, null, [], null],
      ["O'Neil", 'Seán', 'sean@example.ie', null, '1980-07-14', ['vip', 'press'], 12],
    ])
  })

  it('takes the file from a multipart form, with the mapping as a form field', async () => {
    const csv = 'Family,Given,Mail\nForm,Multi,form@example.fr\n'
    const r = await uploadForm(t, admin, 'crm.person', csv, {
      mapping: JSON.stringify({ Family: 'lastName', Given: 'firstName', Mail: 'email' }),
    })
    expect(r.status).toBe(202)
    await runJobs(t)
    expect((await admin.get(`/api/v1/import/jobs/${r.json.id}`)).body).toMatchObject({
      created: 1,
      errors: [],
    })
    expect(
      (await allRecords(admin, 'crm.person')).some(
        (p) => p.lastName === 'Form' && p.email === 'form@example.fr',
      ),
    ).toBe(true)
  })

  it('remembers the mapping for the next file of the same user and entity', async () => {
    const s = await importFile(
      t,
      admin,
      'crm.person',
      'Family,Given,Mail\nSouvenir,Mapping,souvenir@example.fr\n',
    )
    expect(s.columns).toEqual([
      { column: 'Family', field: 'lastName' },
      { column: 'Given', field: 'firstName' },
      { column: 'Mail', field: 'email' },
    ])
    expect(s).toMatchObject({ created: 1, errors: [] })
  })

  it('lets the caller override what is detected', async () => {
    const csv = 'lastName|score|birthdate\nOverride|3.5|12/31/1999\n'
    const refused = await upload(t, admin, 'crm.person', csv, 'delimiter=pipe&dateFormat=yy')
    expect(refused.status).toBe(400)
    expect(refused.json.errors.map((e: any) => e.path)).toEqual(['dateFormat'])
    const s = await importFile(
      t,
      admin,
      'crm.person',
      'lastName|birthdate\nOverride|12/31/1999\n',
      'delimiter=pipe&dateFormat=mm/dd/yyyy',
    )
    expect(s).toMatchObject({ created: 1, errors: [] })
    expect((await allRecords(admin, 'crm.person')).find((p) => p.lastName === 'Override').birthdate).toBe(
      '1999-12-31',
    )
  })
})

describe('errors', () => {
  it('reports every refused row with its line, column and message, and imports the others', async () => {
    const s = await importFile(t, admin, 'crm.person', fixture('errors.csv'))
    expect(s).toMatchObject({ status: 'done', total: 6, done: 6, created: 1, failed: 5, skipped: 5 })
    expect(s.errors.map((e: any) => [e.line, e.column, e.message])).toEqual([
      [3, 'Nom', 'Ce champ est obligatoire.'],
      [4, 'E-mail', 'Adresse e-mail invalide.'],
      [5, 'Date de naissance', 'Date invalide (attendu : jj/mm/aaaa).'],
      [6, 'Score', 'Doit être inférieur ou égal à 100.'],
      [7, 'Score', 'Nombre invalide.'],
    ])
  })

  it('refuses a file that cannot be read, before queuing anything', async () => {
    const r = await upload(t, admin, 'crm.person', 'Nom;Prénom\n"Pas fermé;x\n')
    expect(r.status).toBe(400)
    expect(r.json.errors[0]).toMatchObject({
      path: 'file',
      code: 'import_unterminated_quote',
      message: 'Guillemet non fermé à partir de la ligne 2.',
    })
    const empty = await upload(t, admin, 'crm.person', '')
    expect(empty.status).toBe(400)
    expect((await upload(t, admin, 'crm.nothing', 'a\n1\n')).status).toBe(404)
  })
})

describe('dry run', () => {
  it('counts what would happen and reports the errors, but writes nothing, not even a number', async () => {
    const people = await allRecords(admin, 'crm.person')
    const companies = await allRecords(admin, 'crm.company')
    const [{ n: history }] = await t.db.system((tx) =>
      tx.query<{ n: number }>('SELECT count(*)::int AS n FROM core_history'),
    )
    const [{ n: events }] = await t.db.system((tx) =>
      tx.query<{ n: number }>('SELECT count(*)::int AS n FROM core_outbox'),
    )
    const csv =
      'Nom;Société;E-mail\nSec;Nouvelle Société;sec@exemple.fr\nSec2;Nouvelle Société;\n;Autre Société;x@exemple.fr\n'
    const s = await importFile(t, admin, 'crm.person', csv, 'dryRun=true&createMissing=true')
    expect(s).toMatchObject({ status: 'done', dryRun: true, created: 2, failed: 1, createdLinked: 1 })
    expect(s.errors.map((e: any) => [e.line, e.column])).toEqual([[4, 'Nom']])
    expect(s.undoableUntil).toBeNull()
    expect(await allRecords(admin, 'crm.person')).toEqual(people)
    expect(await allRecords(admin, 'crm.company')).toEqual(companies)
    const [{ n: history2 }] = await t.db.system((tx) =>
      tx.query<{ n: number }>('SELECT count(*)::int AS n FROM core_history'),
    )
    const [{ n: events2 }] = await t.db.system((tx) =>
      tx.query<{ n: number }>('SELECT count(*)::int AS n FROM core_outbox'),
    )
    expect([history2, events2]).toEqual([history, events])
    const next = await admin.post('/api/v1/records/crm.company', { name: 'Après simulation' })
    expect(next.body.number).toBe(`CO-${String(companies.length + 1).padStart(4, '0')}`)
  })
})
