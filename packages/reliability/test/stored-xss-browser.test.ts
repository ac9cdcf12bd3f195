import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, injectedMarkup, openWatchedBrowser, type WatchedBrowser } from '../src/browser'
import { POSTGRES_URL, size } from '../src/budget'
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  createServerProcess,
  REPO,
  type ServerProcess,
} from '../src/server-process'
import { type SessionClient, signIn } from '../src/session-client'
import { XSS_VECTORS } from '../src/xss-corpus'
import { Coverage, type FieldInfo, vectorFields, vectorValue } from '../src/xss-fields'

const DETAIL_PAGES = size(3, 50)
const ENTITIES = ['accounts.account', 'contacts.contact', 'leads.lead', 'deals.deal'] as const
let server: ServerProcess
let api: SessionClient
let browser: WatchedBrowser
const ids: Record<string, string[]> = {}
const pages: string[] = []
const problems: string[] = []

if (!hasChromium)
  console.log(
    'Stored XSS in the browser skipped: no Chromium (apt-get install chromium, or set COMPTOIR_CHROMIUM).',
  )

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
const coverage = new Coverage()
const fieldsOf: Record<string, FieldInfo[]> = {}
const fileIds: string[] = []
const dispositions: string[] = []

async function must(method: string, path: string, body?: unknown) {
  const r = await api.request(method, path, body)
  if (r.status >= 300)
    throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`)
  return r.body
}

/** Uploads a PNG under the name `name` through `POST /api/v1/files`, as the file chooser does. */
async function upload(name: string): Promise<string> {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), name)
  const res = await fetch(`${server.url}/api/v1/files`, {
    method: 'POST',
    headers: { origin: server.url, cookie: `comptoir_session=${api.cookie}` },
    body: form,
  })
  const body = await res.json()
  if (res.status !== 201)
    throw new Error(`upload ${JSON.stringify(name)}: ${res.status} ${JSON.stringify(body)}`)
  const back = await fetch(`${server.url}/api/v1/files/${body.id}?download=1`, {
    headers: { cookie: `comptoir_session=${api.cookie}` },
  })
  await back.arrayBuffer()
  dispositions.push(back.headers.get('content-disposition') ?? '')
  return body.id
}

/** Where the API keeps a field: custom fields under `custom`. */
const jsonKey = (f: FieldInfo) => f.name.replace(/^custom\./, '')
const apiPath = (f: FieldInfo) => (f.origin === 'custom' ? `custom.${jsonKey(f)}` : f.name)

/**
 * Record i of each entity holds vector i in every field that takes text (url, e-mail, phone, address
 * parts and, for contacts, a photo uploaded under the vector as its name). A field that refuses the value
 * must name itself in the problem; every value stored is counted for the render check. A custom text
 * field of each entity is filled too; custom field labels carry vectors (settings).
 */
async function storeCorpus() {
  const stage = (await must('GET', '/api/v1/records/deals.stage?limit=1')).data[0].id
  for (const v of XSS_VECTORS) fileIds.push(await upload(v))
  // A custom text field on each entity, filled like the others.
  for (const ref of ENTITIES)
    await must('POST', '/api/v1/admin/custom-fields', {
      entity: ref,
      name: 'noteLibre',
      type: 'text',
      labels: { fr: 'Note libre', en: 'Free note' },
    })
  const boot = await must('GET', '/api/v1/bootstrap')
  for (const ref of ENTITIES) {
    ids[ref] = []
    fieldsOf[ref] = vectorFields(boot.entities[ref].fields)
    for (const [i, v] of XSS_VECTORS.entries()) {
      // Entity fields at the top of the body, custom fields under `custom` (as the web app sends them).
      const values = new Map<string, unknown>()
      for (const f of fieldsOf[ref])
        values.set(f.name, f.type === 'file' ? fileIds[i] : vectorValue(f.type, v))
      const base: Record<string, unknown> = {}
      if (ref === 'contacts.contact') base.account = ids['accounts.account'][i]
      if (ref === 'deals.deal')
        Object.assign(base, { account: ids['accounts.account'][i], stage, closeDate: '2027-06-30' })
      const body = () => {
        const out: Record<string, any> = { ...base, custom: {} }
        for (const f of fieldsOf[ref])
          if (values.has(f.name)) {
            if (f.origin === 'custom') out.custom[jsonKey(f)] = values.get(f.name)
            else out[f.name] = values.get(f.name)
          }
        return out
      }
      let r = await api.request('POST', `/api/v1/records/${ref}`, body())
      for (let round = 0; r.status === 422 && round < 3; round++) {
        for (const e of r.body.errors as { path: string }[]) {
          const field = fieldsOf[ref].find(
            (f) => e.path === apiPath(f) || e.path.startsWith(`${apiPath(f)}.`),
          )
          const name = field?.name ?? e.path
          if (!field || !values.has(name))
            throw new Error(`${ref} #${i}: refused for ${JSON.stringify(e)}, not a field that got the vector`)
          coverage.refuse(ref, name)
          values.delete(name)
        }
        r = await api.request('POST', `/api/v1/records/${ref}`, body())
      }
      if (r.status !== 201)
        throw new Error(`${ref} #${i}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`)
      ids[ref].push(r.body.id)
      for (const f of fieldsOf[ref])
        if (values.has(f.name))
          coverage.store(
            ref,
            f.name,
            f.type,
            r.body.id,
            f.origin === 'custom' ? r.body.custom?.[jsonKey(f)] : r.body[f.name],
          )
    }
  }
  // History (a change) and trash (deleted records) of records apart from the corpus.
  const acc = await must('POST', '/api/v1/records/accounts.account', { name: XSS_VECTORS[0] })
  historyAccount = acc.id
  await must('PATCH', `/api/v1/records/accounts.account/${acc.id}`, {
    version: acc.version,
    name: XSS_VECTORS[1],
  })
  for (const i of [2, 3, 4]) {
    const lead = await must('POST', '/api/v1/records/leads.lead', {
      lastName: XSS_VECTORS[i],
      company: XSS_VECTORS[i],
    })
    await must('DELETE', `/api/v1/records/leads.lead/${lead.id}`)
  }
  for (const [i, v] of XSS_VECTORS.slice(0, 10).entries()) {
    await must('POST', '/api/v1/admin/users', {
      email: `xss${i}@demo.test`,
      name: v,
      password: 'mot-de-passe-solide-42',
    })
    await must('POST', '/api/v1/admin/teams', { name: v.slice(0, 100) })
    await must('POST', '/api/v1/admin/roles', { name: v.slice(0, 100), grants: {} })
    await must('POST', '/api/v1/views', { name: v.slice(0, 100), entity: 'accounts.account', shared: true })
    await must('POST', '/api/v1/admin/custom-fields', {
      entity: 'accounts.account',
      name: `champ${i}`,
      type: 'text',
      labels: { fr: v.slice(0, 100), en: v.slice(0, 100) },
    })
  }
}
let historyAccount: string

beforeAll(async () => {
  if (!hasChromium) return
  if (!existsSync(join(REPO, 'apps/web/dist/index.html')))
    throw new Error('Build the web app first (npm run build)')
  server = await createServerProcess({ postgresUrl: POSTGRES_URL })
  await server.start()
  api = await signIn(fetch, server.url, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD })
  await storeCorpus()
  browser = await openWatchedBrowser()
  await browser.context.addCookies([{ name: 'comptoir_session', value: api.cookie, url: server.url }])
})
afterAll(async () => {
  await browser?.close()
  await server?.dispose()
})

async function visit(path: string) {
  const page = browser.page
  await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' })
  // On a busy machine the page's data can arrive after the network has gone quiet once (the plugin's
  // chunk first, then its records): wait until nothing on the page is still loading.
  await page.waitForFunction(() => !document.querySelector('.state-loading'), null, { timeout: 60_000 })
  await page.waitForTimeout(150)
  pages.push(path)
  for (const f of await injectedMarkup(page)) problems.push(`${path}: ${f}`)
}

/** Each row of the list on the page: the record's id (from its link) and the text of each cell. */
async function listRows(): Promise<{ id: string; cells: string[] }[]> {
  return browser.page.evaluate(() =>
    Array.from(document.querySelectorAll('tbody tr[aria-rowindex]')).map((tr) => ({
      id: (tr.querySelector('a.row-link')?.getAttribute('href') ?? '').split('/').pop() ?? '',
      cells: Array.from(tr.querySelectorAll('td:not(.col-select)')).map((td) => td.textContent ?? ''),
    })),
  )
}

describe.skipIf(!hasChromium)('stored XSS in the browser', () => {
  it('every field that took a vector renders it as text; a field that refused it named itself', async () => {
    // Tall enough for the 50 rows to be in the page at once (the table only renders the rows in view).
    await browser.page.setViewportSize({ width: 1360, height: 4200 })
    for (const ref of ENTITIES) {
      const [plugin, entity] = ref.split('.')
      const cols = fieldsOf[ref].map((f) => f.name)
      await visit(`/m/${plugin}/${entity}?cols=${['number', ...cols].join(',')}`)
      const rows = await listRows()
      expect(rows.length, `${ref}: rows in the page`).toBeGreaterThanOrEqual(XSS_VECTORS.length)
      for (const row of rows)
        for (const [c, name] of cols.entries()) coverage.seen(ref, name, row.id, row.cells[c + 1] ?? '')
    }
    await browser.page.setViewportSize({ width: 1360, height: 900 })
    console.log(`stored XSS, fields × vectors:\n${coverage.table().join('\n')}`)
    expect(coverage.unexplained).toEqual([])
    expect([...coverage.pending.keys()], 'stored values never seen rendered').toEqual([])
    for (const ref of ENTITIES)
      for (const f of fieldsOf[ref]) {
        const key = `${ref}.${f.name}`
        expect((coverage.stored.get(key) ?? 0) + (coverage.refused.get(key) ?? 0), key).toBe(
          XSS_VECTORS.length,
        )
      }
    // What each kind of field must have taken (the corpus is not refused wholesale).
    for (const key of [
      'contacts.contact.lastName',
      'contacts.contact.photo',
      'contacts.contact.linkedin',
      'contacts.contact.mailingAddress',
    ])
      expect(coverage.stored.get(key), key).toBe(XSS_VECTORS.length)
    expect(coverage.stored.get('contacts.contact.email'), 'e-mail forms of the vectors').toBeGreaterThan(40)
    expect(coverage.refused.get('contacts.contact.mobile'), 'no vector is a phone number').toBe(
      XSS_VECTORS.length,
    )
    expect(problems).toEqual([])
    expect(browser.incidents).toEqual([])
  })

  it('file names are served as a safe Content-Disposition', () => {
    expect(dispositions).toHaveLength(XSS_VECTORS.length)
    for (const d of dispositions) {
      expect(d).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~!'()*-]*$/)
      expect(/filename="([^"]*)"/.exec(d)?.[1]).not.toMatch(/[<>"\\]/)
    }
  })

  it('lists, detail pages, history, trash and settings render all 50 vectors as text', async () => {
    for (const ref of ENTITIES) {
      const [plugin, entity] = ref.split('.')
      await visit(`/m/${plugin}/${entity}`)
      const text = await browser.page.evaluate(() => document.body.textContent ?? '')
      expect(text, `${ref} list shows the vectors as text`).toContain('<img src=x onerror=')
      for (const id of ids[ref].slice(0, DETAIL_PAGES)) await visit(`/m/${plugin}/${entity}/${id}`)
      await visit(`/m/${plugin}/${entity}/${ids[ref][5]}/edit`)
    }
    await visit(`/m/accounts/account/${historyAccount}`)
    for (const section of ['users', 'teams', 'roles', 'custom-fields']) await visit(`/settings/${section}`)
    await visit('/trash')
    await visit(`/?q=${encodeURIComponent(XSS_VECTORS[1])}`)
    console.log(`stored XSS: ${pages.length} pages rendered, ${browser.html.seen} HTML responses`)
    if (browser.notes.length)
      console.log(`other console errors (not from payloads):\n${[...new Set(browser.notes)].join('\n')}`)
    expect(problems).toEqual([])
    expect(browser.incidents).toEqual([])
  })

  it('every HTML response carries a Content-Security-Policy', async () => {
    for (const path of [
      '/',
      '/login',
      '/m/accounts/account',
      '/nowhere/%2e%2e',
      '/index.html',
      '/settings/users?x=<script>',
    ]) {
      const res = await fetch(`${server.url}${path}`)
      if ((res.headers.get('content-type') ?? '').startsWith('text/html'))
        expect(res.headers.get('content-security-policy'), path).toMatch(/script-src 'self'/)
    }
    expect(browser.html.seen).toBeGreaterThan(0)
    expect(browser.html.withoutCsp).toEqual([])
  })
})
