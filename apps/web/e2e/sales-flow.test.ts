import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, openBrowser, type RunningBrowser, shot } from './browser'
import { ADMIN_EMAIL, ADMIN_PASSWORD, type RunningServer, startServer } from './server'

let server: RunningServer
let browser: RunningBrowser
let page: Page
const problems: string[] = []

const suffix = Date.now().toString(36)
const COMPANY = `Plâtrerie Dupond ${suffix}`
const DEAL = `Rénovation des plafonds ${suffix}`
const READER = { email: `lecteur.${suffix}@exemple.test`, password: 'lecture-seule-2027' }
let leadUrl = ''

async function expectAccessible(name: string) {
  await shot(page, name)
  const violations = await axeViolations(page)
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([])
}

async function go(path: string) {
  await page.goto(`${server.url}${path}`)
}

/** Calls the API from the signed-in page, as the app does (same origin, JSON body, session cookie). */
async function api<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const write = method !== 'GET'
      const res = await fetch(`/api/v1${path}`, {
        method,
        headers: { accept: 'application/json', ...(write ? { 'content-type': 'application/json' } : {}) },
        body: write ? JSON.stringify(body ?? {}) : undefined,
      })
      const text = await res.text()
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`)
      return text ? JSON.parse(text) : undefined
    },
    { method, path, body },
  )
}

async function signIn(email: string, password: string) {
  await go('/login')
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe').fill(password)
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click()
  await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor()
}

const column = (stage: string) => page.getByRole('region', { name: stage, exact: true })
const figures = (stage: string) => column(stage).locator('.pipeline-column-figures').textContent()
const card = (name: string) => page.getByRole('article', { name })

/** Drags a card onto a column: the browser's drag and drop events, sharing one `DataTransfer`. */
async function drag(name: string, stage: string) {
  const dataTransfer = await page.evaluateHandle(() => new DataTransfer())
  // By its element: once dropped on a lost stage, a modal dialog hides the board from the accessibility tree.
  const dragged = await card(name).elementHandle()
  await dragged!.dispatchEvent('dragstart', { dataTransfer })
  await column(stage).dispatchEvent('dragenter', { dataTransfer })
  await column(stage).dispatchEvent('dragover', { dataTransfer })
  await column(stage).dispatchEvent('drop', { dataTransfer })
  await dragged!.dispatchEvent('dragend', { dataTransfer })
}

beforeAll(async () => {
  server = await startServer()
  browser = await openBrowser()
  page = browser.page
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  await signIn(ADMIN_EMAIL, ADMIN_PASSWORD)
  // A lead already in the base, that the new one looks like.
  await api('POST', '/records/leads.lead', {
    firstName: 'Jean',
    lastName: 'Dupont',
    company: `Plâtrerie Dupont ${suffix}`,
  })
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('from a lead to a lost deal in the browser', () => {
  it('warns about a similar lead before creating one, and creates it anyway', async () => {
    await go('/m/leads/lead/new')
    await page.getByLabel(/^Prénom/).fill('Jean')
    await page.getByLabel(/^Nom/).first().fill('Dupond')
    await page.getByLabel(/^Société/).fill(COMPANY)
    await page.getByRole('button', { name: 'Créer', exact: true }).click()
    const warning = page.getByRole('dialog', { name: 'Doublons possibles' })
    await warning.waitFor()
    const similar = warning.getByRole('link', { name: 'Jean Dupont' })
    expect(await similar.getAttribute('href')).toMatch(/^\/m\/leads\/lead\/[0-9a-f-]+$/)
    await expectAccessible('lead-duplicate-warning')
    await warning.getByRole('button', { name: 'Créer quand même' }).click()
    await page.getByRole('heading', { level: 1, name: 'Jean Dupond' }).waitFor()
    leadUrl = page.url()
  })

  it('converts the lead into an account, a contact and a deal', async () => {
    await page.getByRole('button', { name: 'Plus d’actions' }).click()
    await page.getByRole('menuitem', { name: 'Convertir' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Créer aussi une affaire').check()
    await dialog.getByLabel('Nom de l’affaire').fill(DEAL)
    await dialog.getByLabel('Montant').fill('18000')
    await dialog.getByLabel('Date de clôture prévue').fill('2027-06-30')
    await expectAccessible('lead-convert-dialog')
    await dialog.getByRole('button', { name: 'Convertir' }).click()
    await dialog.waitFor({ state: 'detached' })
  })

  it('shows the converted lead read-only, with links to what it became', async () => {
    await page.goto(leadUrl)
    await page.getByRole('heading', { level: 1, name: 'Jean Dupond' }).waitFor()
    await page.getByRole('link', { name: COMPANY }).first().waitFor()
    await page.getByRole('link', { name: 'Jean Dupond' }).first().waitFor()
    await page.getByRole('link', { name: DEAL }).waitFor()
    expect(await page.getByText('Converti', { exact: true }).count()).toBeGreaterThan(0)
    expect(await page.getByRole('link', { name: 'Modifier' }).count()).toBe(0)
    await page.getByRole('button', { name: 'Plus d’actions' }).click()
    expect(await page.getByRole('menuitem', { name: 'Convertir' }).count()).toBe(0)
    await page.keyboard.press('Escape')
    await expectAccessible('lead-converted')
  })

  it('shows the tenant’s own stages, which the administrator reaches from the pipeline', async () => {
    await api('POST', '/records/deals.stage', {
      name: 'Relance',
      position: 35,
      probability: '30',
      kind: 'open',
    })
    await go('/p/deals/pipeline')
    await card(DEAL).waitFor()
    expect(await page.locator('.pipeline-column h2').allTextContents()).toEqual([
      'Prospection',
      'Qualification',
      'Proposition',
      'Relance',
      'Négociation',
      'Gagnée',
      'Perdue',
    ])
    await page.getByRole('link', { name: 'Configurer les étapes' }).click()
    await page.waitForURL(/\/m\/deals\/stage$/)
    await page.getByRole('row', { name: /Relance/ }).waitFor()
  })

  it('drags the deal to “Perdue”, asking why first, and the columns follow', async () => {
    await go('/p/deals/pipeline')
    await card(DEAL).waitFor()
    await expect.poll(() => figures('Prospection')).toMatch(/^1\saffaire\s*18\s000,00\s€$/)
    await expect.poll(() => figures('Perdue')).toMatch(/^0\saffaire\s*0,00\s€$/)
    await page.getByRole('link', { name: 'Configurer les étapes' }).waitFor()
    await expectAccessible('pipeline')

    await drag(DEAL, 'Perdue')
    const ask = page.getByRole('dialog')
    await ask.getByLabel('Raison de la perte').fill('Budget reporté à l’an prochain')
    await expectAccessible('pipeline-lost-reason')
    await ask.getByRole('button', { name: 'Marquer comme perdue' }).click()
    await expect.poll(() => figures('Perdue')).toMatch(/^1\saffaire\s*18\s000,00\s€$/)
    await expect.poll(() => figures('Prospection')).toMatch(/^0\saffaire\s*0,00\s€$/)

    await page.reload()
    await column('Perdue').getByRole('article', { name: DEAL }).waitFor()
    const [deal] = (await api('GET', `/records/deals.deal?q=${encodeURIComponent(suffix)}`)).data
    expect(deal.lostReason).toBe('Budget reporté à l’an prochain')
  })

  it('lets a read-only user see the pipeline but move nothing', async () => {
    const roles = (await api('GET', '/admin/roles')).data
    const reader = roles.find((r: { template: string | null }) => r.template === 'read-only')
    await api('POST', '/admin/users', {
      name: `Lecteur ${suffix}`,
      email: READER.email,
      password: READER.password,
      roles: [reader.id],
    })
    await api('POST', '/auth/logout')
    await signIn(READER.email, READER.password)
    await go('/p/deals/pipeline')
    await card(DEAL).waitFor()
    expect(await card(DEAL).getAttribute('draggable')).toBe('false')
    expect(await card(DEAL).getByRole('combobox').count()).toBe(0)
    expect(await page.getByRole('link', { name: 'Configurer les étapes' }).count()).toBe(0)
    await drag(DEAL, 'Négociation')
    expect(await page.getByRole('dialog').count()).toBe(0)
    expect(await column('Perdue').getByRole('article', { name: DEAL }).count()).toBe(1)
    await expect.poll(() => figures('Négociation')).toMatch(/^0\saffaire/)
  })

  it('raised no uncaught error in the page', () => {
    expect(problems).toEqual([])
  })
})
