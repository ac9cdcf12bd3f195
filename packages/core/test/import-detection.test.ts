import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uuidv7 } from '../src/db/uuid'
import { registerImportJobs } from '../src/import/register'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'
import { allRecords, fixture, importFile, upload } from './fixtures/csv/helpers'

let t: TestCore
let admin: TestClient

const count = async (sql: string) => (await t.db.system((tx) => tx.query<{ n: number }>(sql)))[0].n

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm] })
  registerImportJobs(t.core)
  admin = await t.as('acme')
  const tenant = t.tenants.acme.id
  await t.core.withTenant(tenant, (ctx) =>
    ctx.tx.query(
      'INSERT INTO core_custom_field (tenant_id, id, entity, name, type, label_fr, label_en, options) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb)',
      [
        tenant,
        uuidv7(),
        'crm.person',
        'origin',
        'select',
        'Origine',
        'Source',
        JSON.stringify(['salon', 'web']),
      ],
    ),
  )
  await t.core.withTenant(tenant, (ctx) =>
    ctx.tx.query(
      'INSERT INTO core_custom_field (tenant_id, id, entity, name, type, label_fr, label_en, options) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb)',
      [tenant, uuidv7(), 'crm.company', 'ratio', 'decimal', 'Coefficient', 'Ratio', '[]'],
    ),
  )
})
afterAll(() => t?.close())

describe('preview', () => {
  it('shows the detected formats, the header, the first rows and the proposed mapping, and writes nothing', async () => {
    const [files, jobs] = [
      await count('SELECT count(*)::int AS n FROM core_file'),
      await count('SELECT count(*)::int AS n FROM core_job'),
    ]
    const r = await upload(t, admin, 'crm.person', fixture('excel-fr-cp1252.csv'), 'preview=true')
    expect(r.status).toBe(200)
    expect(r.json).toMatchObject({
      encoding: 'windows-1252',
      delimiter: ';',
      decimal: ',',
      dateFormat: 'dd/mm/yyyy',
      total: 3,
    })
    expect(r.json.headers).toContain('Prénom')
    expect(r.json.rows).toHaveLength(3)
    expect(r.json.rows.flat()).toContain('Jérôme')
    expect(r.json.columns).toContainEqual({ column: 'Société', field: 'company' })
    expect(r.json.fields).toContainEqual({ key: 'company', label: 'Société', kind: 'ref', required: false })
    expect(r.json.fields).toContainEqual({ key: 'lastName', label: 'Nom', kind: 'value', required: true })
    expect(r.json.fields).toContainEqual({
      key: 'custom.origin',
      label: 'Origine',
      kind: 'value',
      required: false,
    })
    expect(r.json.keys).toEqual([{ key: 'id', label: 'id' }])
    expect(await count('SELECT count(*)::int AS n FROM core_file')).toBe(files)
    expect(await count('SELECT count(*)::int AS n FROM core_job')).toBe(jobs)
  })

  it('reads the file again with the formats the user forces', async () => {
    const csv = 'Nom,Score\n"Virgule, SA",5\n'
    const auto = await upload(t, admin, 'crm.person', csv, 'preview=true')
    expect(auto.json).toMatchObject({ delimiter: ',', headers: ['Nom', 'Score'] })
    const forced = await upload(
      t,
      admin,
      'crm.person',
      csv,
      'preview=true&delimiter=semicolon&dateFormat=yyyy-mm-dd',
    )
    expect(forced.json).toMatchObject({ delimiter: ';', dateFormat: 'yyyy-mm-dd', headers: ['Nom,Score'] })
    const bad = await upload(t, admin, 'crm.person', csv, 'preview=true&encoding=ebcdic')
    expect(bad.status).toBe(400)
    expect(bad.json.errors[0]).toMatchObject({ path: 'encoding', code: 'invalid_option' })
  })

  it('answers 403 without the import grant, as the import itself', async () => {
    const reader = await t.as('acme', { grants: { 'crm.person.read': 'all', 'crm.person.create': 'all' } })
    const r = await upload(t, reader, 'crm.person', 'Nom\nX\n', 'preview=true')
    expect(r.status).toBe(403)
  })
})

describe('formats in the job status', () => {
  it('tells which encoding, delimiter, decimal separator and date format the import read', async () => {
    const r = await upload(t, admin, 'crm.person', 'lastName,birthdate\nIso,1999-12-31\n', 'dryRun=true')
    expect(r.json).toMatchObject({ encoding: 'utf-8', delimiter: ',', decimal: '.' })
    const s = await importFile(t, admin, 'crm.person', 'Nom;Score\nFormats;5\n', 'dryRun=true')
    expect(s).toMatchObject({ encoding: 'utf-8', delimiter: ';', decimal: ',', dateFormat: 'dd/mm/yyyy' })
  })
})

describe('headers and overrides', () => {
  it('recognises the English labels', async () => {
    const s = await importFile(
      t,
      admin,
      'crm.person',
      'Last name,First name,E-mail,Birthdate,Company\nEnglish,Anne,anne@example.co.uk,1990-05-17,\n',
    )
    expect(s).toMatchObject({ created: 1, errors: [], ignoredColumns: [] })
    expect((await allRecords(admin, 'crm.person')).find((p) => p.lastName === 'English')).toMatchObject({
      firstName: 'Anne',
      email: 'anne@example.co.uk',
      birthdate: '1990-05-17',
    })
  })

  it('reads the file with the encoding the user gives, over what is detected', async () => {
    const bytes = new Uint8Array([
      ...Buffer.from('Nom;Prénom\n', 'latin1'),
      ...Buffer.from('Forcé;Zoé\n', 'latin1'),
    ])
    const s = await importFile(t, admin, 'crm.person', bytes, 'encoding=windows-1252')
    expect(s).toMatchObject({ created: 1, encoding: 'windows-1252', errors: [] })
    expect((await allRecords(admin, 'crm.person')).find((p) => p.lastName === 'Forcé')?.firstName).toBe('Zoé')
    const utf8 = Buffer.from('Nom;Prénom\nMojibake;Zoé\n', 'utf8')
    const forced = await importFile(
      t,
      admin,
      'crm.person',
      utf8,
      'encoding=cp1252&mapping=' + encodeURIComponent('{"Nom":"lastName","PrÃ©nom":"firstName"}'),
    )
    expect(forced).toMatchObject({ created: 1, encoding: 'windows-1252' })
    expect((await allRecords(admin, 'crm.person')).find((p) => p.lastName === 'Mojibake')?.firstName).toBe(
      'ZoÃ©',
    )
  })

  it('reads numbers with the decimal separator the user gives', async () => {
    // In a file of semicolons, "1.234" reads as one thousand two hundred and thirty-four, unless the user
    // says the dot is the decimal separator; and "1,500" in a file of commas the other way round.
    const fr = (name: string) => `Nom;Coefficient\n${name};1.234\n`
    expect(await importFile(t, admin, 'crm.company', fr('Milliers'))).toMatchObject({
      created: 1,
      decimal: ',',
    })
    const dot = await importFile(t, admin, 'crm.company', fr('Point'), 'decimal=dot')
    expect(dot).toMatchObject({ created: 1, delimiter: ';', decimal: '.', errors: [] })
    const std = (name: string) => `Nom,Coefficient\n${name},"1,500"\n`
    expect(await importFile(t, admin, 'crm.company', std('Mille'))).toMatchObject({
      created: 1,
      decimal: '.',
    })
    const comma = await importFile(t, admin, 'crm.company', std('Virgule'), 'decimal=comma')
    expect(comma).toMatchObject({ created: 1, delimiter: ',', decimal: ',', errors: [] })
    const ratio = Object.fromEntries(
      (await allRecords(admin, 'crm.company')).map((c) => [c.name, Number(c.custom?.ratio)]),
    )
    expect([ratio.Milliers, ratio.Point, ratio.Mille, ratio.Virgule]).toEqual([1234, 1.234, 1500, 1.5])
  })
})

describe('mapping', () => {
  it('takes the mapping as a query parameter', async () => {
    const mapping = encodeURIComponent(JSON.stringify({ Qui: 'lastName', Courriel: 'email', Bruit: null }))
    const s = await importFile(
      t,
      admin,
      'crm.person',
      'Qui;Courriel;Bruit\nQuery;query@exemple.fr;x\n',
      `mapping=${mapping}`,
    )
    expect(s.columns).toEqual([
      { column: 'Qui', field: 'lastName' },
      { column: 'Courriel', field: 'email' },
      { column: 'Bruit', field: null },
    ])
    expect(s).toMatchObject({ created: 1, errors: [] })
    const bad = await upload(
      t,
      admin,
      'crm.person',
      'Qui\nX\n',
      `mapping=${encodeURIComponent('{"Qui":"nope"}')}`,
    )
    expect(bad.status).toBe(400)
    expect(bad.json.errors[0]).toMatchObject({ path: 'mapping.Qui', code: 'unknown_field' })
  })

  it('remembers a mapping for the user who made it, not for another user', async () => {
    const mapping = encodeURIComponent(JSON.stringify({ Famille: 'lastName' }))
    await importFile(t, admin, 'crm.person', 'Famille\nSouvenir\n', `mapping=${mapping}`)
    const again = await upload(t, admin, 'crm.person', 'Famille\nEncore\n', 'preview=true')
    expect(again.json.columns).toEqual([{ column: 'Famille', field: 'lastName' }])
    const colleague = await t.as('acme', { admin: true })
    const theirs = await upload(t, colleague, 'crm.person', 'Famille\nAutre\n', 'preview=true')
    expect(theirs.json.columns).toEqual([{ column: 'Famille', field: null }])
    expect(theirs.json.ignoredColumns).toEqual(['Famille'])
  })

  it('fills a custom field from a hand-written file, by its label in either language', async () => {
    const s = await importFile(t, admin, 'crm.person', 'Nom;Origine\nSalon;salon\nToile;Web\n')
    expect(s).toMatchObject({ created: 2, errors: [] })
    const en = await importFile(t, admin, 'crm.person', 'Last name,Source\nEnglish source,web\n')
    expect(en).toMatchObject({ created: 1, errors: [] })
    const wrong = await importFile(t, admin, 'crm.person', 'Nom;Origine\nFaux;radio\n')
    expect(wrong.errors.map((e: any) => [e.line, e.column])).toEqual([[2, 'Origine']])
    const custom = Object.fromEntries(
      (await allRecords(admin, 'crm.person')).map((p) => [p.lastName, p.custom?.origin ?? null]),
    )
    expect([custom.Salon, custom.Toile, custom['English source']]).toEqual(['salon', 'web', 'web'])
  })
})
