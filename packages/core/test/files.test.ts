import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { purgeOrphanUploads } from '../src/files/uploads'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'
import { send } from './fixtures/csv/helpers'
import files from './fixtures/files/server'

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
const LIMIT = 64 * 1024

let t: TestCore
let admin: TestClient
let other: TestClient

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm, files], config: { fileLimit: LIMIT } })
  admin = await t.as('acme')
  other = await t.as('globex')
})
afterAll(() => t?.close())

function form(bytes: Uint8Array, name: string, type = 'application/octet-stream', field = 'file'): FormData {
  const fd = new FormData()
  fd.append('note', 'ignored')
  fd.append(field, new Blob([new Uint8Array(bytes)], { type }), name)
  return fd
}

const uploadFile = (client: TestClient, bytes: Uint8Array, name: string, type?: string) =>
  send(t, client, 'POST', '/api/v1/files', form(bytes, name, type))

async function sheetWith(client: TestClient, values: Record<string, unknown>) {
  const r = await client.post('/api/v1/records/files.sheet', { title: 'Fiche', ...values })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return r.body
}

describe('uploading a file', () => {
  it('stores it with a clean name, the type read from its bytes, its size and checksum', async () => {
    const r = await uploadFile(admin, PNG, '../../photos/Élodie.png', 'text/html')
    expect(r.status).toBe(201)
    expect(r.json).toMatchObject({ name: 'Élodie.png', mime: 'image/png', size: PNG.length })
    expect(r.json.sha256).toMatch(/^[0-9a-f]{64}$/)
    const back = await send(t, admin, 'GET', `/api/v1/files/${r.json.id}`)
    expect(back.status).toBe(200)
    expect(Buffer.from(back.bytes).equals(PNG)).toBe(true)
    expect(back.headers.get('content-type')).toBe('image/png')
    expect(back.headers.get('content-disposition')).toMatch(
      /^inline; filename="Elodie.png"; filename\*=UTF-8''%C3%89lodie.png$/,
    )
    expect(back.headers.get('content-security-policy')).toBe("default-src 'none'")
    const download = await send(t, admin, 'GET', `/api/v1/files/${r.json.id}?download=1`)
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/)
    expect(download.headers.get('content-type')).toBe('application/octet-stream')
    const again = await send(t, admin, 'GET', `/api/v1/files/${r.json.id}`, undefined, {
      'if-none-match': back.headers.get('etag')!,
    })
    expect(again.status).toBe(304)
  })

  it('never serves a page: bytes claiming to be an image are a download in a sandbox', async () => {
    const html = Buffer.from('<html><script>alert(document.cookie)</script></html>')
    const r = await uploadFile(admin, html, 'photo.png', 'image/png')
    expect(r.json.mime).toBe('application/octet-stream')
    const back = await send(t, admin, 'GET', `/api/v1/files/${r.json.id}`)
    expect(back.headers.get('content-type')).toBe('application/octet-stream')
    expect(back.headers.get('content-disposition')).toMatch(/^attachment;/)
    expect(back.headers.get('content-security-policy')).toBe('sandbox')
    expect(back.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('refuses a missing or empty file and one over the limit, naming the field', async () => {
    const none = await send(t, admin, 'POST', '/api/v1/files', form(PNG, 'x.png', 'image/png', 'other'))
    expect(none.status).toBe(422)
    expect(none.json.errors[0]).toMatchObject({ path: 'file', code: 'file_missing' })
    const empty = await uploadFile(admin, new Uint8Array(), 'vide.txt', 'text/plain')
    expect(empty.status).toBe(422)
    expect(empty.json.errors[0]).toMatchObject({ path: 'file', code: 'file_empty' })
    const big = await uploadFile(admin, Buffer.alloc(LIMIT + 1, 1), 'gros.bin')
    expect(big.status).toBe(413)
    expect(big.json.errors[0]).toMatchObject({ path: 'file', code: 'file_too_large', params: { max: LIMIT } })
    // Over the JSON limit (1 MiB by default) but under the file limit is fine only for uploads.
    const count = await t.db.system((tx) =>
      tx.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM core_file WHERE name IN ('vide.txt', 'gros.bin')",
      ),
    )
    expect(count[0].n).toBe(0)
  })

  it('needs a session and a same-origin form', async () => {
    const anon = await t.app.request('http://comptoir.test/api/v1/files', {
      method: 'POST',
      body: form(PNG, 'x.png'),
      headers: { origin: 'http://comptoir.test' },
    })
    expect(anon.status).toBe(401)
    const forged = await send(t, admin, 'POST', '/api/v1/files', form(PNG, 'x.png'), {
      origin: 'https://evil.example',
    })
    expect(forged.status).toBe(403)
    expect(forged.json.code).toBe('csrf')
  })
})

describe('file fields', () => {
  it('refer to an upload; reading the record gives its name, type and size', async () => {
    const up = await uploadFile(admin, PNG, 'portrait.png', 'image/png')
    const sheet = await sheetWith(admin, { photo: up.json.id })
    const read = await admin.get(`/api/v1/records/files.sheet/${sheet.id}`)
    expect(read.body.photo).toEqual({
      id: up.json.id,
      title: 'portrait.png',
      mime: 'image/png',
      size: PNG.length,
    })
    const list = await admin.get('/api/v1/records/files.sheet')
    expect(list.body.data.find((r: any) => r.id === sheet.id).photo.title).toBe('portrait.png')
  })

  it('check the field’s accepted types and size, and write nothing when refused', async () => {
    const png = await uploadFile(admin, PNG, 'image.png', 'image/png')
    const wrongType = await admin.post('/api/v1/records/files.sheet', {
      title: 'Refusée',
      attachment: png.json.id,
    })
    expect(wrongType.status).toBe(422)
    expect(wrongType.body.errors[0]).toMatchObject({
      path: 'attachment',
      code: 'file_type',
      params: { accept: 'application/pdf, .txt' },
    })
    expect(wrongType.body.errors[0].message).toContain('application/pdf')
    const bigPdf = await uploadFile(admin, Buffer.concat([PDF, Buffer.alloc(3000, 32)]), 'long.pdf')
    expect(bigPdf.json.mime).toBe('application/pdf')
    const tooBig = await admin.post('/api/v1/records/files.sheet', {
      title: 'Refusée',
      attachment: bigPdf.json.id,
    })
    expect(tooBig.body.errors[0]).toMatchObject({
      path: 'attachment',
      code: 'file_too_large',
      params: { max: 2000 },
    })
    const txt = await uploadFile(admin, Buffer.from('bonjour'), 'notes.TXT', 'text/plain')
    const ok = await admin.post('/api/v1/records/files.sheet', { title: 'Acceptée', attachment: txt.json.id })
    expect(ok.status).toBe(201)
    const refused = await admin.get('/api/v1/records/files.sheet?q=Refusée')
    expect(refused.body.data).toHaveLength(0)
  })

  it('cannot refer to another tenant’s file nor to an internal one', async () => {
    const theirs = await uploadFile(other, PNG, 'globex.png', 'image/png')
    const r = await admin.post('/api/v1/records/files.sheet', { title: 'Vol', photo: theirs.json.id })
    expect(r.status).toBe(422)
    expect(r.body.errors[0]).toMatchObject({ path: 'photo', code: 'reference_not_found' })
    const [internal] = await t.db.system((tx) =>
      tx.query<{ id: string }>(
        `INSERT INTO core_file (tenant_id, id, name, mime, size, sha256, content)
         VALUES ($1, gen_random_uuid(), 'import.csv.part1', 'image/png', 1, 'x', '\\x00') RETURNING id`,
        [admin.tenantId],
      ),
    )
    const r2 = await admin.post('/api/v1/records/files.sheet', { title: 'Interne', photo: internal.id })
    expect(r2.body.errors[0]).toMatchObject({ path: 'photo', code: 'reference_not_found' })
    expect((await send(t, admin, 'GET', `/api/v1/files/${internal.id}`)).status).toBe(404)
  })
})

describe('who may read a file', () => {
  let fileId: string
  let sheetOwnedByAdmin: any

  beforeAll(async () => {
    const up = await uploadFile(admin, PNG, 'équipe.png', 'image/png')
    fileId = up.json.id
    sheetOwnedByAdmin = await sheetWith(admin, { photo: fileId })
  })

  it('the uploader, and whoever reads a record that shows it', async () => {
    const reader = await t.as('acme', { grants: { 'files.sheet.read': 'all' } })
    const r = await send(t, reader, 'GET', `/api/v1/files/${fileId}`)
    expect(r.status).toBe(200)
    expect(Buffer.from(r.bytes).equals(PNG)).toBe(true)
  })

  it('not a user whose scope leaves the record out, nor one the field is hidden from (404)', async () => {
    const own = await t.as('acme', { grants: { 'files.sheet.read': 'own' } })
    expect((await send(t, own, 'GET', `/api/v1/files/${fileId}`)).status).toBe(404)
    const hidden = await t.as('acme', {
      grants: { 'files.sheet.read': 'all' },
      fields: { 'files.sheet.photo': 'hidden' },
    })
    expect((await send(t, hidden, 'GET', `/api/v1/files/${fileId}`)).status).toBe(404)
    const none = await t.as('acme', { grants: {} })
    expect((await send(t, none, 'GET', `/api/v1/files/${fileId}`)).status).toBe(404)
  })

  it('not another tenant, even its administrator, and not a file no record shows yet', async () => {
    const r = await send(t, other, 'GET', `/api/v1/files/${fileId}`)
    expect(r.status).toBe(404)
    expect(r.text).not.toContain('équipe')
    const pending = await uploadFile(admin, PNG, 'brouillon.png', 'image/png')
    const reader = await t.as('acme', { grants: { 'files.sheet.read': 'all' } })
    expect((await send(t, reader, 'GET', `/api/v1/files/${pending.json.id}`)).status).toBe(404)
    expect((await send(t, admin, 'GET', '/api/v1/files/not-a-uuid')).status).toBe(404)
  })

  it('stops being readable through a record once it is in the recycle bin', async () => {
    const reader = await t.as('acme', { grants: { 'files.sheet.read': 'all' } })
    expect((await admin.delete(`/api/v1/records/files.sheet/${sheetOwnedByAdmin.id}`)).status).toBe(200)
    expect((await send(t, reader, 'GET', `/api/v1/files/${fileId}`)).status).toBe(404)
    expect((await send(t, admin, 'GET', `/api/v1/files/${fileId}`)).status).toBe(200)
  })
})

describe('uploads no record refers to', () => {
  it('are purged by the daily job after a day; referenced ones (even in the trash) stay', async () => {
    const orphan = (await uploadFile(admin, PNG, 'orphelin.png', 'image/png')).json.id
    const kept = (await uploadFile(admin, PNG, 'gardé.png', 'image/png')).json.id
    const trashed = (await uploadFile(admin, PNG, 'corbeille.png', 'image/png')).json.id
    const logo = (await uploadFile(admin, PNG, 'logo.png', 'image/png')).json.id
    const s1 = await sheetWith(admin, { photo: kept })
    const s2 = await sheetWith(admin, { photo: trashed })
    await admin.delete(`/api/v1/records/files.sheet/${s2.id}`)
    const co = await admin.post('/api/v1/records/crm.company', { name: 'Logo SA', logo })
    expect(co.status, JSON.stringify(co.body)).toBe(201)
    expect(co.body.logo).toBe(logo)
    const exists = async (id: string) =>
      (await t.db.system((tx) => tx.query('SELECT 1 FROM core_file WHERE id = $1', [id]))).length === 1
    const purge = (days: number) =>
      t.core.withTenant(admin.tenantId, (ctx) =>
        purgeOrphanUploads(ctx, new Date(Date.now() + days * 86_400_000)),
      )

    expect(await purge(0)).toBe(0)
    expect(await exists(orphan)).toBe(true)
    expect(await purge(2)).toBeGreaterThanOrEqual(1)
    expect(await exists(orphan)).toBe(false)
    for (const id of [kept, trashed, logo]) expect(await exists(id)).toBe(true)

    const s1v = (await admin.get(`/api/v1/records/files.sheet/${s1.id}`)).body.version
    expect(
      (await admin.patch(`/api/v1/records/files.sheet/${s1.id}`, { version: s1v, photo: null })).status,
    ).toBe(200)
    await purge(2)
    expect(await exists(kept)).toBe(false)
    expect(await exists(trashed)).toBe(true)
    expect(await exists(logo)).toBe(true)
  })
})
