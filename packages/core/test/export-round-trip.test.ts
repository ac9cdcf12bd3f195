import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uuidv7 } from '../src/db/uuid'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import { registerImportJobs } from '../src/import/register'
import crm from './fixtures/crm/server'
import { allRecords, importFile, send } from './fixtures/csv/helpers'

let t: TestCore
let admin: TestClient

async function customField(name: string, type: string, labels: [string, string], options: string[] = []) {
  const tenant = t.tenants.acme.id
  await t.core.withTenant(tenant, (ctx) =>
    ctx.tx.query(
      'INSERT INTO core_custom_field (tenant_id, id, entity, name, type, label_fr, label_en, options) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb)',
      [tenant, uuidv7(), 'crm.company', name, type, labels[0], labels[1], JSON.stringify(options)],
    ),
  )
}

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm] })
  registerImportJobs(t.core)
  admin = await t.as('acme')
  await customField('rating', 'decimal', ['Note', 'Rating'])
  await customField('since', 'date', ['Client depuis', 'Customer since'])
  await customField('vip', 'boolean', ['VIP', 'VIP'])
  await customField('segment', 'select', ['Segment', 'Segment'], ['pme', 'eti'])
  const parent = await admin.post('/api/v1/records/crm.company', {
    name: 'Groupe Mère',
    siren: '303265045',
    kind: 'customer',
  })
  await admin.post('/api/v1/records/crm.company', {
    name: '=SUM(A1:A9)',
    siren: '732 829 320',
    kind: 'customer',
    revenue: '1234.5',
    parent: parent.body.id,
    address: { street: '1, rue de l’Église', postalCode: '75004', city: 'Paris', country: 'FR' },
    secret: '+33 1 23 45 67 89',
    custom: { rating: '4.5', since: '2019-03-01', vip: true, segment: 'pme' },
  })
  await admin.post('/api/v1/records/crm.company', {
    name: '\'Quote; "guillemets"\nsur deux lignes',
    kind: 'supplier',
    secret: '@home',
  })
  const lines = ['Nom;Prénom;E-mail;Société;Date de naissance;Étiquettes;Score']
  for (let i = 0; i < 2500; i++)
    lines.push(
      `-Nom ${i};Élodie;e${i}@exemple.fr;Groupe Mère;0${(i % 9) + 1}/02/1990;${i % 2 ? 'VIP, Presse' : ''};${i % 101}`,
    )
  await importFile(t, admin, 'crm.person', lines.join('\r\n'))
})
afterAll(() => t?.close())

const download = (query: string) => send(t, admin, 'GET', `/api/v1/export/${query}`)

describe('export', () => {
  it('writes French Excel CSV: BOM, semicolons, decimal commas, dd/mm/yyyy, labels, ids, formulas defused', async () => {
    const r = await download('crm.company?sort=name')
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(r.headers.get('content-disposition')).toMatch(
      /^attachment; filename="company-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    expect([...r.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const [header, ...rows] = r.text.split('\r\n')
    expect(header).toBe(
      'id;Nom;Numéro;SIREN;Type;Chiffre d’affaires;Maison mère;Maison mère (id);Adresse (rue);Adresse (code postal);Adresse (ville);Adresse (région);Adresse (pays);Note interne;Note;Segment;Client depuis;VIP;Assigné à;Assigné à (id);Créé le;Modifié le',
    )
    const formula = rows.find((l) => l.includes('SUM'))!
    expect(formula).toContain(";'=SUM(A1:A9);CO-0002;732829320;Client;1234,50;Groupe Mère;")
    expect(formula).toContain(
      ";1, rue de l’Église;75004;Paris;;FR;'+33 1 23 45 67 89;4,5;pme;01/03/2019;Oui;Admin acme;",
    )
    expect(r.text).toContain(`"'Quote; ""guillemets""\nsur deux lignes"`)
    expect(r.text).toContain(";'@home;")
  })

  it('follows the list’s filters, sort and columns, and RFC 4180 on request', async () => {
    const r = await download('crm.company?filter[kind]=customer&sort=-name&fields=name,kind&format=csv')
    expect(r.bytes[0]).toBe('i'.charCodeAt(0))
    const lines = r.text.trim().split('\r\n')
    expect(lines[0]).toBe('id,Nom,Type')
    expect(lines.slice(1).map((l) => l.split(',').slice(1).join(','))).toEqual([
      'Groupe Mère,customer',
      "'=SUM(A1:A9),customer",
    ])
    expect((await download('crm.company?filter[revenue][contains]=1')).status).toBe(400)
    expect((await download('crm.company?format=xlsx')).status).toBe(400)
  })

  it('streams every record across pages and audits the export with its count', async () => {
    const r = await download('crm.person')
    expect(r.text.trim().split('\r\n')).toHaveLength(2501)
    const audit = await t.core.withTenant(t.tenants.acme.id, (ctx) =>
      ctx.tx.query<any>(
        "SELECT detail FROM core_audit WHERE tenant_id = $1 AND event = 'export' ORDER BY at DESC LIMIT 1",
        [ctx.tenant.id],
      ),
    )
    expect(audit[0].detail).toMatchObject({ entity: 'crm.person', count: 2500, complete: true })
  })
})

describe('round trip', () => {
  for (const format of ['excel', 'csv']) {
    for (const entity of ['crm.company', 'crm.person']) {
      it(`re-importing a ${format} export of ${entity} as an upsert changes nothing`, async () => {
        const before = await allRecords(admin, entity)
        const file = await download(`${entity}?format=${format}`)
        const s = await importFile(t, admin, entity, file.bytes, 'mode=upsert')
        expect(s).toMatchObject({
          status: 'done',
          key: 'id',
          created: 0,
          updated: 0,
          unchanged: before.length,
          errors: [],
        })
        expect(await allRecords(admin, entity)).toEqual(before)
      })
    }
  }

  it('applies what was edited in the file, and only that', async () => {
    const file = (await download('crm.company?sort=name')).text.replace(
      ';Client;1234,50;',
      ';Client;1 500,00;',
    )
    const s = await importFile(t, admin, 'crm.company', file, 'mode=upsert')
    expect(s).toMatchObject({ updated: 1, unchanged: 2, errors: [] })
    const c = (await allRecords(admin, 'crm.company')).find((x) => x.siren === '732829320')
    const history = await admin.get(`/api/v1/records/crm.company/${c.id}/history`)
    expect(history.body.data[0].changes).toEqual([{ field: 'revenue', old: '1234.50', new: '1500.00' }])
  })
})
