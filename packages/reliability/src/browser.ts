/**
 * Debian's Chromium through playwright-core, with a fresh profile, watching everything a stored XSS would
 * do: dialogs, the `window.__xss` marker, page errors, console errors (a CSP refusal included) and HTML
 * responses without a CSP.
 * @module
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'

export const CHROMIUM = process.env.COMPTOIR_CHROMIUM ?? '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)

export interface WatchedBrowser {
  context: BrowserContext
  page: Page
  /** What a payload would cause: dialogs, uncaught errors, CSP refusals, the marker. */
  incidents: string[]
  /** Other console errors, reported but not held against the page. */
  notes: string[]
  /** HTML responses seen, and those without a Content-Security-Policy. */
  html: { seen: number; withoutCsp: string[] }
  close(): Promise<void>
}

export async function openWatchedBrowser(): Promise<WatchedBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'comptoir-xss-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
    viewport: { width: 1360, height: 900 },
    locale: 'fr-FR',
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const incidents: string[] = []
  const notes: string[] = []
  const html = { seen: 0, withoutCsp: [] as string[] }
  page.on('dialog', (d) => {
    incidents.push(`dialog: ${d.message()}`)
    void d.dismiss()
  })
  page.on('pageerror', (e) => incidents.push(`page error: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() !== 'error') return
    const text = m.text()
    if (
      /Content Security Policy|Refused to (execute|load|apply|frame|evaluate|connect)|__xss|unsafe-eval|unsafe-inline/i.test(
        text,
      )
    )
      incidents.push(`console error: ${text}`)
    else if (!/Failed to load resource: the server responded with a status of 4\d\d/.test(text))
      notes.push(text.split('\n')[0])
  })
  page.on('response', (r) => {
    if (!(r.headers()['content-type'] ?? '').startsWith('text/html')) return
    html.seen++
    if (!r.headers()['content-security-policy']) html.withoutCsp.push(r.url())
  })
  return {
    context,
    page,
    incidents,
    notes,
    html,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** Elements and attributes of the rendered page that only injected markup would bring. */
export async function injectedMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    const w = window as unknown as { __xss?: unknown }
    if (w.__xss !== undefined) found.push(`window.__xss = ${String(w.__xss)}`)
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const tag = el.tagName.toLowerCase()
      if (
        [
          'script',
          'iframe',
          'object',
          'embed',
          'base',
          'meta',
          'link',
          'style',
          'isindex',
          'keygen',
          'marquee',
          'template',
          'noscript',
          'math',
        ].includes(tag)
      )
        found.push(`<${tag}> in the page`)
      for (const a of Array.from(el.attributes)) {
        if (/^on/i.test(a.name)) found.push(`<${tag} ${a.name}>`)
        if (
          /^(href|src|action|formaction|data|xlink:href)$/i.test(a.name) &&
          /^\s*(javascript|data):/i.test(a.value)
        )
          found.push(`<${tag} ${a.name}="${a.value.slice(0, 40)}">`)
      }
    }
    return found
  })
}
