import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, openBrowser, type RunningBrowser, shot } from './browser'
import { ADMIN_EMAIL, ADMIN_PASSWORD, type RunningServer, startServer } from './server'

let server: RunningServer
let browser: RunningBrowser
let page: Page
const problems: string[] = []

const suffix = Date.now().toString(36)
const GOOD = [`Durand${suffix}`, `Lambert${suffix}`]
const BAD = `Moreau${suffix}`
/** As Excel saves it in France: BOM, semicolons, dd/mm/yyyy, CRLF; line 3 holds a date that does not exist. */
const FILE = Buffer.from(
  `\ufeffNom;Prénom;E-mail;Date de naissance\r\n${GOOD[0]};Sophie;sophie.${suffix}@exemple.fr;25/12/1980\r\n${BAD};Hugo;hugo.${suffix}@exemple.fr;31/02/1985\r\n${GOOD[1]};Jeanne;jeanne.${suffix}@exemple.fr;03/04/1990\r\n`,
  'utf8',
)

async function expectAccessible(name: string) {
  await shot(page, name)
  const violations = await axeViolations(page)
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([])
}

/** Jobs run in the background: a dry run or an import takes a moment to finish. */
const WAIT = { timeout: 30_000 }
const dialog = () => page.getByRole('dialog')
const listCount = () => page.locator('.page-header [role="status"]').textContent()
const counts = () => dialog().locator('dl > div').allTextContents()
const rowOf = (name: string) => page.getByRole('row', { name: new RegExp(name) })

beforeAll(async () => {
  server = await startServer()
  browser = await openBrowser()
  page = browser.page
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  await page.goto(`${server.url}/login`)
  await page.getByLabel('Adresse e-mail').fill(ADMIN_EMAIL)
  await page.getByLabel('Mot de passe').fill(ADMIN_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click()
  await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('the import wizard in the browser', () => {
  it('reads a French Excel file, shows what it detected and proposes a mapping', async () => {
    await page.goto(`${server.url}/m/contacts/contact`)
    await expect.poll(listCount, WAIT).toBe('0\u00a0résultat')
    await page.getByRole('button', { name: 'Importer', exact: true }).click()
    await dialog().getByLabel('Fichier CSV').setInputFiles({
      name: 'contacts.csv',
      mimeType: 'text/csv',
      buffer: FILE,
    })
    await expect.poll(() => dialog().getByLabel('Séparateur', { exact: true }).inputValue(), WAIT).toBe(';')
    expect(await dialog().getByLabel('Format des dates').inputValue()).toBe('dd/mm/yyyy')
    expect(await dialog().getByLabel('Encodage').inputValue()).toBe('utf-8')
    await expect.poll(() => dialog().getByText('3\u00a0lignes de données').count(), WAIT).toBe(1)
    await dialog().getByRole('cell', { name: GOOD[0] }).waitFor()
    await expectAccessible('import-file')

    await dialog().getByRole('button', { name: 'Suivant' }).click()
    const fieldOf = (column: string) => dialog().getByLabel(new RegExp(`colonne.*${column}`))
    expect(await fieldOf('Nom').inputValue()).toBe('lastName')
    expect(await fieldOf('Prénom').inputValue()).toBe('firstName')
    expect(await fieldOf('E-mail').inputValue()).toBe('email')
    expect(await fieldOf('Date de naissance').inputValue()).toBe('birthdate')
    await expectAccessible('import-mapping')
  })

  it('runs a dry run: counts and the refused row with its line, column and message', async () => {
    await dialog().getByRole('button', { name: 'Lancer l’essai' }).click()
    await expect.poll(counts, WAIT).toEqual(['À créer2', 'À mettre à jour0', 'Ignorées1', 'En erreur1'])
    const error = dialog().getByRole('row', { name: /^3 Date de naissance/ })
    expect(await error.locator('td').allTextContents()).toEqual([
      '3',
      'Date de naissance',
      'birthdate',
      'Date invalide (attendu : jj/mm/aaaa).',
    ])
    await expectAccessible('import-dry-run')
    await page.keyboard.press('Escape')
    await dialog().waitFor({ state: 'detached' })
    expect(await listCount()).toBe('0\u00a0résultat')
  })

  it('imports for real, shows the final counts, and the new contacts appear in the list', async () => {
    await page.getByRole('button', { name: 'Importer', exact: true }).click()
    await dialog().getByRole('button', { name: 'Importer maintenant' }).click()
    await dialog().getByText('Import terminé.').waitFor()
    await expect.poll(counts, WAIT).toEqual(['Créées2', 'Mises à jour0', 'Ignorées1', 'En erreur1'])
    await expectAccessible('import-done')
    await dialog().getByRole('button', { name: 'Fermer' }).click()
    await dialog().waitFor({ state: 'detached' })
    await expect.poll(listCount, WAIT).toBe('2\u00a0résultats')
    await rowOf(GOOD[0]).waitFor()
    await rowOf(GOOD[1]).waitFor()
    expect(await rowOf(BAD).count()).toBe(0)
  })

  it('exports the columns the list shows, for Excel in France or as standard CSV', async () => {
    const download = async (choice: string) => {
      await page.getByRole('button', { name: 'Exporter en CSV' }).click()
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('menuitem', { name: choice }).click(),
      ])
      const path = await file.path()
      return readFileSync(path)
    }
    await page.goto(`${server.url}/m/contacts/contact?cols=lastName,email`)
    await expect.poll(listCount, WAIT).toBe('2\u00a0résultats')
    const std = (await download('CSV standard (virgules)')).toString('utf8')
    const lines = std.trim().split('\r\n')
    expect(lines[0]).toBe('id,Nom,E-mail')
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',').slice(1).join(','))
        .sort(),
    ).toEqual([`${GOOD[0]},sophie.${suffix}@exemple.fr`, `${GOOD[1]},jeanne.${suffix}@exemple.fr`])
    const excel = await download('CSV pour Excel (France)')
    expect([...excel.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(excel.toString('utf8').slice(1).split('\r\n')[0]).toBe('id;Nom;E-mail')
  })

  it('undoes the import: the contacts it created are gone from the list', async () => {
    await page.getByRole('button', { name: 'Importer', exact: true }).click()
    await dialog().getByRole('button', { name: 'Annuler cet import' }).click()
    await dialog()
      .getByText(/Import annulé\u00a0: 2\u00a0fiche/)
      .waitFor()
    expect(await dialog().getByRole('button', { name: 'Annuler cet import' }).count()).toBe(0)
    await dialog().getByRole('button', { name: 'Fermer' }).click()
    await expect.poll(listCount, WAIT).toBe('0\u00a0résultat')
    expect(await rowOf(GOOD[0]).count()).toBe(0)
    expect(problems).toEqual([])
  })
})
