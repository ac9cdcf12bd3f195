import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'

let t: TestCore
let admin: TestClient
beforeAll(async () => {
  t = await createTestCore({ plugins: [crm] })
  admin = await t.as('acme')
})
afterAll(() => t?.close())

describe('record sheet PDF', () => {
  it('prints a record with Unicode names through the embedded font, as a real PDF', async () => {
    const co = await admin.post('/api/v1/records/crm.company', {
      name: 'Łódź Müller-Ğül & Фёдор <script>',
      address: { street: '12 rue de l’Église', postalCode: '69001', city: 'Lyon' },
      revenue: '1234567.89',
    })
    const res = await admin.request('GET', `/api/v1/records/crm.company/${co.body.id}/pdf/core.sheet`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''%C5%81%C3%B3d%C5%BA")
    const raw = await t.app.request(
      `http://comptoir.test/api/v1/records/crm.company/${co.body.id}/pdf/core.sheet`,
      {
        headers: { authorization: `Bearer ${await token()}` },
      },
    )
    const bytes = new Uint8Array(await raw.arrayBuffer())
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-')
    const doc = await PDFDocument.load(bytes)
    expect(doc.getPageCount()).toBe(1)
    expect(doc.getTitle()).toBe('Société — Łódź Müller-Ğül & Фёдор <script>')
    expect(Buffer.from(bytes).toString('latin1')).toContain('DejaVuSans')
  })

  it('is refused for another tenant and for an unknown template', async () => {
    const co = await admin.post('/api/v1/records/crm.company', { name: 'Privé' })
    const other = await t.as('globex')
    expect((await other.get(`/api/v1/records/crm.company/${co.body.id}/pdf/core.sheet`)).status).toBe(404)
    expect((await admin.get(`/api/v1/records/crm.company/${co.body.id}/pdf/nope.nothing`)).status).toBe(404)
  })
})

async function token(): Promise<string> {
  const { generateSecret, hashSecret } = await import('../src/auth/tokens')
  const secret = generateSecret()
  await t.db.system((tx) =>
    tx.query(
      "INSERT INTO core_api_token (tenant_id, id, user_id, name, token_hash, prefix) VALUES ($1, gen_random_uuid(), $2, 'pdf', $3, 'cpt_')",
      [t.tenants.acme.id, t.tenants.acme.adminId, hashSecret(secret)],
    ),
  )
  return `cpt_${secret}`
}
