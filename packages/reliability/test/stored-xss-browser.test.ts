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

/** Text fields a user types into, per entity, read from the bootstrap metadata. */
async function textFields(ref: string): Promise<string[]> {
  const boot = await api.request('GET', '/api/v1/bootstrap')
  const fields = boot.body.entities[ref].fields as Record<
    string,
    { type: string; readOnly?: boolean; origin?: string }
  >
  return Object.entries(fields)
    .filter(([, f]) => (f.type === 'text' || f.type === 'longText') && !f.readOnly && f.origin !== 'custom')
    .map(([name]) => name)
}

async function must(method: string, path: string, body?: unknown) {
  const r = await api.request(method, path, body)
  if (r.status >= 300)
    throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`)
  return r.body
}

/** Every vector in every text field: record i of each entity holds vector i in all of them. */
async function storeCorpus() {
  const stage = (await must('GET', '/api/v1/records/deals.stage?limit=1')).data[0].id
  for (const ref of ENTITIES) {
    ids[ref] = []
    const fields = await textFields(ref)
    for (const [i, v] of XSS_VECTORS.entries()) {
      const body: Record<string, unknown> = Object.fromEntries(fields.map((f) => [f, v]))
      if (ref === 'contacts.contact') body.account = ids['accounts.account'][i]
      if (ref === 'deals.deal')
        Object.assign(body, { account: ids['accounts.account'][i], stage, closeDate: '2027-06-30' })
      let r = await api.request('POST', `/api/v1/records/${ref}`, body)
      if (r.status === 422) {
        for (const e of r.body.errors) delete body[e.path]
        r = await api.request('POST', `/api/v1/records/${ref}`, body)
      }
      if (r.status !== 201)
        throw new Error(`${ref} #${i}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`)
      ids[ref].push(r.body.id)
    }
  }
  const acc = await must('GET', `/api/v1/records/accounts.account/${ids['accounts.account'][0]}`)
  await must('PATCH', `/api/v1/records/accounts.account/${acc.id}`, {
    version: acc.version,
    name: XSS_VECTORS[1],
  })
  for (const i of [2, 3, 4]) await must('DELETE', `/api/v1/records/leads.lead/${ids['leads.lead'][i]}`)
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

describe.skipIf(!hasChromium)('stored XSS in the browser', () => {
  it('lists, detail pages, history, trash and settings render all 50 vectors as text', async () => {
    for (const ref of ENTITIES) {
      const [plugin, entity] = ref.split('.')
      await visit(`/m/${plugin}/${entity}`)
      const text = await browser.page.evaluate(() => document.body.textContent ?? '')
      expect(text, `${ref} list shows the vectors as text`).toContain('<img src=x onerror=')
      for (const id of ids[ref].slice(0, DETAIL_PAGES)) await visit(`/m/${plugin}/${entity}/${id}`)
      await visit(`/m/${plugin}/${entity}/${ids[ref][5]}/edit`)
    }
    await visit(`/m/accounts/account/${ids['accounts.account'][0]}`)
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
