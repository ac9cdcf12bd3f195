import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerImportJobs } from '../src/import/register'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'
import { runJobs, send, uploadForm } from './fixtures/csv/helpers'

const MiB = 1024 * 1024
let t: TestCore
let admin: TestClient

beforeAll(async () => {
  // The import limit as a server sets it from COMPTOIR_MAX_IMPORT_MB; other requests keep 1 MiB.
  t = await createTestCore({ plugins: [crm], config: { importLimit: 3 * MiB } })
  registerImportJobs(t.core)
  admin = await t.as('acme')
})
afterAll(() => t?.close())

/** A CSV of people with long names (few rows per megabyte), just over `bytes` long. */
function peopleFile(bytes: number, tag: string): { csv: string; rows: number } {
  const lines = ['Nom;Prénom;E-mail']
  let size = lines[0].length
  for (let i = 0; size < bytes; i++) {
    const line = `${tag} ${i} ${'Lefèvre-'.repeat(25)};${'Élodie-'.repeat(25)};${tag.toLowerCase()}.${i}@exemple.fr`
    lines.push(line)
    size += line.length + 2
  }
  return { csv: lines.join('\r\n'), rows: lines.length - 1 }
}

const people = async () => (await admin.get('/api/v1/records/crm.person?count=true&limit=1')).body.total

/** A body sent in chunks, without a Content-Length, as a browser streams a large upload. */
function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text)
  let at = 0
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close()
      controller.enqueue(bytes.subarray(at, at + 64 * 1024))
      at += 64 * 1024
    },
  })
}

describe('import files have their own size limit', () => {
  it('accepts a multipart upload above the 1 MiB limit of other requests and imports every row', async () => {
    const { csv, rows } = peopleFile(1.5 * MiB, 'Gros')
    const r = await uploadForm(t, admin, 'crm.person', csv)
    expect(r.status, r.text).toBe(202)
    await runJobs(t)
    const status = (await admin.get(`/api/v1/import/jobs/${r.json.id}`)).body
    expect(status).toMatchObject({ status: 'done', total: rows, created: rows, failed: 0 })
    expect(await people()).toBe(rows)
  })

  it('still refuses a JSON body above 1 MiB elsewhere, writing nothing', async () => {
    const before = await people()
    const r = await send(
      t,
      admin,
      'POST',
      '/api/v1/records/crm.person',
      JSON.stringify({ lastName: 'x'.repeat(2 * MiB) }),
      { 'content-type': 'application/json' },
    )
    expect(r.status).toBe(413)
    expect(r.json).toMatchObject({ code: 'payload-too-large' })
    expect(await people()).toBe(before)
  })

  it('refuses an import file above its own limit, declared or streamed, and starts no job', async () => {
    const before = await t.db.system((tx) =>
      tx.query<{ n: number }>('SELECT count(*)::int AS n FROM core_job'),
    )
    const { csv } = peopleFile(5 * MiB, 'Trop')
    const declared = await send(t, admin, 'POST', '/api/v1/import/crm.person', csv, {
      'content-type': 'text/csv',
    })
    expect(declared.status).toBe(413)
    expect(declared.json.detail).toBe(`Import files are limited to ${3 * MiB} bytes`)
    const streamed = await send(t, admin, 'POST', '/api/v1/import/crm.person', chunked(csv), {
      'content-type': 'text/csv',
    })
    expect(streamed.status).toBe(413)
    expect(streamed.json).toMatchObject({ code: 'payload-too-large' })
    const after = await t.db.system((tx) =>
      tx.query<{ n: number }>('SELECT count(*)::int AS n FROM core_job'),
    )
    expect(after[0].n).toBe(before[0].n)
  })

  it('counts the whole form, not only the file: many large fields are refused too', async () => {
    const form = new FormData()
    for (let i = 0; i < 6; i++) form.append(`note${i}`, 'x'.repeat(900 * 1024))
    form.append('file', new Blob(['Nom\r\nPetit\r\n'], { type: 'text/csv' }), 'petit.csv')
    const encoded = new Request('http://localhost/', { method: 'POST', body: form })
    const r = await send(t, admin, 'POST', '/api/v1/import/crm.person', encoded.body!, {
      'content-type': encoded.headers.get('content-type')!,
    })
    expect(r.status).toBe(413)
    expect(r.json.detail).toBe(`Import files are limited to ${3 * MiB} bytes`)
  })
})
