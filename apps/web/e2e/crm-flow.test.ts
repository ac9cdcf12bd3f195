import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, openBrowser, type RunningBrowser, shot } from './browser'
import { ADMIN_EMAIL, ADMIN_PASSWORD, type RunningServer, startServer } from './server'

let server: RunningServer
let browser: RunningBrowser
let page: Page
const problems: string[] = []

const suffix = Date.now().toString(36)
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
const ACCOUNT = `Boulangerie Lefèvre ${suffix}`
const LAST_NAME = `Martin${suffix}`

async function expectAccessible(name: string) {
  await shot(page, name)
  const violations = await axeViolations(page)
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([])
}

async function go(path: string) {
  await page.goto(`${server.url}${path}`)
}

beforeAll(async () => {
  server = await startServer()
  browser = await openBrowser()
  page = browser.page
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('a salesperson’s day in the browser', () => {
  it('signs in from a deep link and lands back on it', async () => {
    await go('/m/contacts/contact')
    await page.waitForURL(/\/login\?next=/)
    await expect.poll(() => page.locator('h1').textContent()).toBe('Connexion')
    await expectAccessible('login')
    await page.getByLabel('Adresse e-mail').fill(ADMIN_EMAIL)
    await page.getByLabel('Mot de passe').fill('wrong-password')
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('incorrect')
    await page.getByLabel('Mot de passe').fill(ADMIN_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click()
    await page.waitForURL(/\/m\/contacts\/contact$/)
    await page.getByRole('heading', { level: 1, name: 'Contacts' }).waitFor()
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).textContent()).toContain(
      'Marketing et ventes',
    )
  })

  it('creates an account', async () => {
    await go('/m/accounts/account/new')
    await page.getByLabel(/^Nom du compte/).fill(ACCOUNT)
    await expectAccessible('account-form')
    await page.getByRole('button', { name: 'Créer' }).click()
    await page.getByRole('heading', { level: 1, name: ACCOUNT }).waitFor()
  })

  it('creates a contact linked to the account with the reference picker', async () => {
    await go('/m/contacts/contact/new')
    await page.getByLabel(/^Prénom/).fill('Élodie')
    await page.getByLabel(/^Nom/, { exact: false }).first().fill(LAST_NAME)
    const picker = page.getByRole('combobox', { name: /^Compte/ })
    await picker.fill('lefevre')
    await page.getByRole('option', { name: ACCOUNT }).click()
    await expect.poll(() => picker.inputValue()).toBe(ACCOUNT)
    await page.getByRole('button', { name: 'Créer' }).click()
    await page.getByRole('heading', { level: 1, name: `Élodie ${LAST_NAME}` }).waitFor()
    await expect.poll(() => page.getByRole('link', { name: ACCOUNT }).count()).toBeGreaterThan(0)
    await expectAccessible('contact-detail')
  })

  it('filters the list and opens the detail', async () => {
    await go('/m/contacts/contact')
    await page.getByRole('button', { name: 'Filtres' }).click()
    await page.getByRole('button', { name: 'Ajouter un filtre' }).click()
    await page.getByLabel('Champ du filtre 1').selectOption({ label: 'Nom' })
    await page.getByLabel('Opérateur du filtre 1').selectOption('contains')
    await page.getByLabel(/^Valeur du filtre 1/).fill(suffix)
    await page.getByRole('button', { name: 'Appliquer' }).click()
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/^1\srésultat$/)
    await expect.poll(() => page.locator('.data-table tbody tr:not(.spacer-row)').count()).toBe(1)
    await expectAccessible('contact-list')
    await page.locator('.row-link').first().click()
    await page.getByRole('heading', { level: 1, name: `Élodie ${LAST_NAME}` }).waitFor()
  })

  it('edits with a validation error shown in place, then fixes it', async () => {
    await page.getByRole('link', { name: 'Modifier' }).click()
    await page.waitForURL(/\/edit$/)
    const email = page.getByLabel(/^E-mail$/)
    await email.fill('pas-une-adresse')
    await page.getByRole('button', { name: 'Enregistrer' }).click()
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true')
    await expect.poll(() => page.locator('.field-error').first().textContent()).toContain('e-mail invalide')
    await expectAccessible('contact-form-error')
    await email.fill('elodie@lefevre.fr')
    await page.getByRole('button', { name: 'Enregistrer' }).click()
    await page.waitForURL(/\/m\/contacts\/contact\/[0-9a-f-]+$/)
    await page.getByRole('link', { name: 'elodie@lefevre.fr' }).waitFor()
  })

  it('attaches a photo that the detail then shows', async () => {
    await page.getByRole('link', { name: 'Modifier' }).click()
    await page.waitForURL(/\/edit$/)
    const photo = page.getByLabel(/^Photo/)
    await photo.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('bonjour') })
    await expect
      .poll(() => page.locator('.file-input [role=alert]').textContent())
      .toContain('Format non accepté')
    await photo.setInputFiles({ name: 'portrait.png', mimeType: 'image/png', buffer: PNG })
    await page.getByRole('link', { name: 'portrait.png' }).waitFor()
    await page.getByRole('button', { name: 'Enregistrer' }).click()
    await page.waitForURL(/\/m\/contacts\/contact\/[0-9a-f-]+$/)
    await page.getByRole('link', { name: 'portrait.png' }).waitFor()
    const thumb = page.locator('img.file-thumb')
    await expect
      .poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(1)
    await expectAccessible('contact-detail-photo')
  })

  it('deletes the contact, finds it in the recycle bin and restores it', async () => {
    await page.getByRole('button', { name: 'Plus d’actions' }).click()
    await page.getByRole('menuitem', { name: 'Supprimer' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Supprimer' }).click()
    await page.waitForURL(/\/m\/contacts\/contact$/)
    await go('/trash')
    const row = page.getByRole('row', { name: new RegExp(LAST_NAME) })
    await row.waitFor()
    await expectAccessible('trash')
    await row.getByRole('button', { name: /Restaurer/ }).click()
    await expect.poll(() => row.count()).toBe(0)
    await go('/m/contacts/contact')
    await page.getByRole('row', { name: new RegExp(LAST_NAME) }).waitFor()
  })

  it('shows the settings to the administrator', async () => {
    await go('/settings/users')
    await page.getByRole('heading', { level: 1, name: 'Utilisateurs' }).waitFor()
    await page.locator('.state-loading').waitFor({ state: 'detached' })
    await expectAccessible('settings-users')
  })

  it('switches to English', async () => {
    await page.locator('.user-trigger').click()
    await page.getByRole('menuitemradio', { name: 'English' }).click()
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor()
    expect(await page.getByRole('navigation', { name: 'Main navigation' }).textContent()).toContain(
      'Marketing & sales',
    )
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    await go('/m/contacts/contact')
    await page.getByRole('button', { name: 'Filters' }).waitFor()
    await expectAccessible('contacts-english')
  })

  it('raised no uncaught error in the page', () => {
    expect(problems).toEqual([])
  })
})
