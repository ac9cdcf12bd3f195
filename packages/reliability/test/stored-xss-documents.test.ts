import type { AddressInfo } from 'node:net'
import { createTestCore, type TestClient, type TestCore } from '@comptoir/core/testing'
import { PDFDocument, PDFName } from 'pdf-lib'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pdfText } from '../src/pdf-text'
import { PLUGINS } from '../src/plugins'
import { uploadImage } from '../src/tenant-objects'
import { XSS_VECTORS } from '../src/xss-corpus'

let t: TestCore
let admin: TestClient
let smtp: SMTPServer
const received: { to: string[]; raw: string }[] = []

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      let raw = ''
      stream.on('data', (b: Buffer) => {
        raw += b.toString('utf8')
      })
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw })
        done()
      })
    },
  })
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
  const port = (smtp.server.address() as AddressInfo).port
  t = await createTestCore({
    plugins: PLUGINS,
    tenants: ['acme'],
    config: { mail: { host: '127.0.0.1', port, from: 'Comptoir <noreply@comptoir.test>' } },
  })
  admin = await t.as('acme')
})
afterAll(async () => {
  await t?.close()
  await new Promise<void>((resolve) => smtp?.close(() => resolve()))
})

/** Text fields a user types into, per entity. */
function textFields(ref: string): string[] {
  const e = t.core.registry.entities.get(ref)!
  return Object.entries(e.fields)
    .filter(([, f]) => (f.type === 'text' || f.type === 'longText') && !f.readOnly)
    .map(([name]) => name)
}

/** A record of `ref` whose every text field holds `vector` (fields whose rules refuse it are left out). */
async function recordWith(ref: string, vector: string, base: Record<string, unknown>) {
  const body: Record<string, unknown> = { ...base }
  for (const f of textFields(ref)) body[f] = vector
  let r = await admin.post(`/api/v1/records/${ref}`, body)
  if (r.status === 422) {
    for (const e of r.body.errors) delete body[e.path]
    r = await admin.post(`/api/v1/records/${ref}`, { ...base, ...body })
  }
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return r.body
}

/** The decoded body of every text/html part of a raw MIME message. */
function htmlParts(raw: string): string[] {
  const out: string[] = []
  for (const part of raw.split(/\r?\n--[^\r\n]+\r?\n/)) {
    if (!/content-type:\s*text\/html/i.test(part)) continue
    const [head, ...rest] = part.split(/\r?\n\r?\n/)
    let body = rest.join('\n\n')
    if (/content-transfer-encoding:\s*base64/i.test(head))
      body = Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8')
    else if (/quoted-printable/i.test(head))
      body = Buffer.from(
        body
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(Number.parseInt(h, 16))),
        'latin1',
      ).toString('utf8')
    out.push(body)
  }
  return out
}

describe('stored XSS in documents', () => {
  it('PDF record sheets draw every vector as text: no script, no action, no link, and a clean file name', async () => {
    const stage = (await admin.get('/api/v1/records/deals.stage?limit=1')).body.data[0].id
    const flat = (s: string) => s.replace(/\s+/g, '')
    let pdfs = 0
    let shown = 0
    for (const [i, vector] of XSS_VECTORS.entries()) {
      const account = await recordWith('accounts.account', vector, {})
      const bases: Record<string, Record<string, unknown>> = {
        'accounts.account': {},
        'contacts.contact': i % 10 ? {} : { account: account.id, photo: await uploadImage(t, admin, vector) },
        'leads.lead': {},
        'deals.deal': { account: account.id, stage, closeDate: '2027-06-30' },
      }
      for (const ref of Object.keys(bases)) {
        if (i % 10 && ref !== 'accounts.account') continue
        const rec = ref === 'accounts.account' ? account : await recordWith(ref, vector, bases[ref])
        const res = await t.app.request(
          `http://comptoir.test/api/v1/records/${ref}/${rec.id}/pdf/core.sheet`,
          {
            headers: { cookie: `comptoir_session=${await sessionOf(admin)}`, origin: 'http://comptoir.test' },
          },
        )
        expect(res.status).toBe(200)
        const disposition = res.headers.get('content-disposition') ?? ''
        expect(disposition).toMatch(
          /^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~!'()*-]*$/,
        )
        expect(disposition).not.toMatch(/[<>\r\n]/)
        const bytes = new Uint8Array(await res.arrayBuffer())
        const raw = Buffer.from(bytes).toString('latin1')
        expect(raw).not.toMatch(
          /\/(JavaScript|JS|OpenAction|AA|URI|Launch|SubmitForm|ImportData|RichMedia|EmbeddedFile)\b/,
        )
        const doc = await PDFDocument.load(bytes)
        expect(doc.getPageCount()).toBeGreaterThan(0)
        for (const page of doc.getPages()) expect(page.node.Annots()?.size() ?? 0).toBe(0)
        expect(doc.catalog.get(PDFName.of('Names'))).toBeUndefined()
        // The vector is drawn as text a reader shows (and copies), whole, in the text fields and the file name.
        const text = await pdfText(bytes)
        expect(text).not.toContain('\uFFFD')
        expect(flat(text), `${ref} #${i}`).toContain(flat(vector))
        if (rec.photo)
          expect(flat(text), `${ref} #${i} photo`).toContain(flat(rec.photo.title ?? rec.photo.name))
        shown++
        pdfs++
      }
    }
    console.log(`stored XSS: ${pdfs} PDF record sheets checked, ${shown} with the vector read back as text`)
    expect(shown).toBe(pdfs)
  })

  it('invitation and reset e-mails reach only their recipient, inject no header, and escape every vector in any HTML part', async () => {
    const names = XSS_VECTORS.slice(0, 25)
    for (const [i, name] of names.entries()) {
      const r = await admin.post('/api/v1/admin/users', { email: `invite${i}@acme.test`, name })
      expect(r.status).toBe(201)
    }
    const injected = await admin.post('/api/v1/admin/users', {
      email: 'crlf@acme.test',
      name: 'Eve\r\nBcc: victim@evil.example\r\nX-Injected: 1',
    })
    for (let i = 25; i < XSS_VECTORS.length; i++) {
      const u = await admin.post('/api/v1/admin/users', {
        email: `reset${i}@acme.test`,
        name: XSS_VECTORS[i],
        password: 'mot-de-passe-solide-42',
      })
      expect(u.status).toBe(201)
      await t.anonymous().post('/api/v1/auth/password-reset', { email: `reset${i}@acme.test` })
    }
    const expected = names.length + (injected.status === 201 ? 1 : 0) + (XSS_VECTORS.length - 25)
    for (let i = 0; i < 100 && received.length < expected; i++) await new Promise((r) => setTimeout(r, 100))
    expect(received).toHaveLength(expected)
    let html = 0
    for (const m of received) {
      expect(m.to).toHaveLength(1)
      expect(m.to[0]).toMatch(/@acme\.test$/)
      const headers = m.raw.split(/\r?\n\r?\n/)[0]
      expect(headers).not.toMatch(/^(Bcc|X-Injected):/im)
      for (const part of htmlParts(m.raw)) {
        html++
        expect(part).not.toMatch(
          /<(script|img|svg|iframe|object|embed|details|input|video|audio|marquee|body|form|meta|base|link|style|math|template|select|keygen|isindex|x)\b[^>]*(on\w+=|javascript:|window\.__xss)/i,
        )
        expect(part).not.toMatch(/<script>window\.__xss/i)
      }
    }
    console.log(`stored XSS: ${received.length} e-mails received, ${html} HTML parts checked`)
    // The account e-mails are plain text only: a vector in them is inert text. Should an HTML part
    // appear, the checks above run on it, and this line says the suite must look at it again.
    expect(html).toBe(0)
    for (const m of received) expect(m.raw).toMatch(/content-type:\s*text\/plain/i)
  })
})

/** The session token behind a test client (read back through the sessions API is not possible: sign in). */
async function sessionOf(client: TestClient): Promise<string> {
  cachedToken ??= await (async () => {
    const res = await t.app.request('http://comptoir.test/api/v1/auth/login', {
      method: 'POST',
      headers: { origin: 'http://comptoir.test', 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@acme.test', password: 'correct horse battery staple' }),
    })
    return /comptoir_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')![1]
  })()
  expect(client.tenantId).toBe(t.tenants.acme.id)
  return cachedToken
}
let cachedToken: string | undefined
