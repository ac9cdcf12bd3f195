import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, openBrowser, type RunningBrowser, shot } from './browser'
import { ADMIN_EMAIL, ADMIN_PASSWORD, type RunningServer, startServer } from './server'

let server: RunningServer
let browser: RunningBrowser
let page: Page
const problems: string[] = []

const suffix = Date.now().toString(36)
const ACCOUNT = `Fromagerie Vasseur ${suffix}`
const person = (first: string, last: string) => ({ firstName: first, lastName: `${last}${suffix}` })
const CONTACTS = {
  viewed: person('Luc', 'Rousseau'),
  deletedA: person('Paul', 'Bonnet'),
  deletedB: person('Inès', 'Girard'),
  updatedA: person('Sophie', 'Durand'),
  updatedB: person('Hugo', 'Moreau'),
  linked: person('Jeanne', 'Lambert'),
  edited: person('Claire', 'Fontaine'),
}
type ContactKey = keyof typeof CONTACTS
const ids = {} as Record<ContactKey | 'account', string>
const title = (k: ContactKey) => `${CONTACTS[k].firstName} ${CONTACTS[k].lastName}`

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

const rowOf = (name: string) => page.getByRole('row', { name: new RegExp(name) })
const dialog = () => page.getByRole('dialog')
const listCount = () => page.locator('.page-header [role="status"]').textContent()

beforeAll(async () => {
  server = await startServer()
  browser = await openBrowser()
  page = browser.page
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  await go('/login')
  await page.getByLabel('Adresse e-mail').fill(ADMIN_EMAIL)
  await page.getByLabel('Mot de passe').fill(ADMIN_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click()
  await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor()
  ids.account = (await api('POST', '/records/accounts.account', { name: ACCOUNT })).id
  for (const [key, data] of Object.entries(CONTACTS)) {
    ids[key as ContactKey] = (
      await api('POST', '/records/contacts.contact', { ...data, title: 'Comptable' })
    ).id
  }
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('lists, related records, conflicts and administration in the browser', () => {
  it('saves a filtered view, finds it again after a reload, and deletes it', async () => {
    await go('/m/contacts/contact')
    await expect.poll(listCount).toBe('7\u00a0résultats')
    await page.getByRole('button', { name: 'Filtres' }).click()
    await page.getByRole('button', { name: 'Ajouter un filtre' }).click()
    await page.getByLabel('Champ du filtre 1').selectOption({ label: 'Nom' })
    await page.getByLabel('Opérateur du filtre 1').selectOption('contains')
    await page.getByLabel(/^Valeur du filtre 1/).fill('Rousseau')
    await page.getByRole('button', { name: 'Appliquer' }).click()
    await expect.poll(listCount).toBe('1\u00a0résultat')

    await page.getByRole('button', { name: 'Enregistrer la vue' }).click()
    await dialog().getByLabel('Nom de la vue').fill('Les Rousseau')
    await expectAccessible('saved-view-dialog')
    await dialog().getByRole('button', { name: 'Enregistrer' }).click()
    await dialog().waitFor({ state: 'detached' })

    await go('/m/contacts/contact')
    await expect.poll(listCount).toBe('7\u00a0résultats')
    const views = page.getByLabel('Vue enregistrée')
    await views.selectOption({ label: 'Les Rousseau' })
    await expect.poll(listCount).toBe('1\u00a0résultat')
    await rowOf(CONTACTS.viewed.lastName).waitFor()
    expect(await rowOf(CONTACTS.deletedA.lastName).count()).toBe(0)
    await expectAccessible('saved-view-applied')

    await page.getByRole('button', { name: 'Supprimer la vue' }).click()
    await expect.poll(listCount).toBe('7\u00a0résultats')
    await expect.poll(() => views.locator('option').allTextContents()).toEqual(['Vue par défaut'])
    await page.reload()
    await expect.poll(listCount).toBe('7\u00a0résultats')
    expect(await page.getByLabel('Vue enregistrée').locator('option').allTextContents()).toEqual([
      'Vue par défaut',
    ])
  })

  it('deletes two selected contacts to the recycle bin', async () => {
    await go('/m/contacts/contact')
    await expect.poll(listCount).toBe('7\u00a0résultats')
    await page.getByRole('checkbox', { name: `Sélectionner « ${title('deletedA')} »` }).check()
    await page.getByRole('checkbox', { name: `Sélectionner « ${title('deletedB')} »` }).check()
    const bar = page.getByRole('region', { name: 'Actions sur la sélection' })
    expect(await bar.textContent()).toContain('2\u00a0sélectionnés')
    await bar.getByRole('button', { name: 'Supprimer' }).click()
    await expect
      .poll(() => dialog().getByRole('heading').textContent())
      .toContain('Supprimer 2\u00a0enregistrements')
    await dialog().getByRole('button', { name: 'Supprimer' }).click()
    await expect.poll(() => rowOf(CONTACTS.deletedA.lastName).count()).toBe(0)
    await expect.poll(() => rowOf(CONTACTS.deletedB.lastName).count()).toBe(0)
    await expect.poll(listCount).toBe('5\u00a0résultats')

    await go('/trash')
    await rowOf(CONTACTS.deletedA.lastName).waitFor()
    await rowOf(CONTACTS.deletedB.lastName).waitFor()
  })

  it('sets the job title of two selected contacts at once', async () => {
    await go('/m/contacts/contact')
    await rowOf(CONTACTS.updatedA.lastName).waitFor()
    await page.getByRole('checkbox', { name: `Sélectionner « ${title('updatedA')} »` }).check()
    await page.getByRole('checkbox', { name: `Sélectionner « ${title('updatedB')} »` }).check()
    await page.getByRole('button', { name: 'Modifier en masse' }).click()
    await dialog().getByLabel('Champ à modifier').selectOption({ label: 'Fonction' })
    await dialog().getByLabel('Nouvelle valeur').fill('Gérante')
    await expectAccessible('mass-update-dialog')
    await dialog().getByRole('button', { name: 'Appliquer' }).click()
    await dialog().waitFor({ state: 'detached' })
    await expect.poll(() => rowOf(CONTACTS.updatedA.lastName).textContent()).toContain('Gérante')
    await expect.poll(() => rowOf(CONTACTS.updatedB.lastName).textContent()).toContain('Gérante')
    expect(await rowOf(CONTACTS.viewed.lastName).textContent()).toContain('Comptable')
  })

  it('links an existing contact to an account with a role, then unlinks it', async () => {
    await go(`/m/accounts/account/${ids.account}`)
    await page.getByRole('heading', { level: 1, name: ACCOUNT }).waitFor()
    await page.getByRole('tab', { name: 'Autres contacts' }).click()
    const panel = page.getByRole('tabpanel', { name: 'Autres contacts' })
    await panel.getByText('Rien de lié pour l’instant.').waitFor()
    await panel.getByRole('button', { name: 'Lier' }).click()
    const picker = dialog().getByRole('combobox', { name: 'Contact' })
    await picker.fill('Lambert')
    await page.getByRole('option', { name: title('linked') }).click()
    await dialog().getByLabel('Rôle').selectOption({ label: 'Décideur' })
    await expectAccessible('link-dialog')
    await dialog().getByRole('button', { name: 'Lier' }).click()
    await dialog().waitFor({ state: 'detached' })
    await panel.getByRole('link', { name: title('linked') }).waitFor()
    expect(await panel.textContent()).toContain('1\u00a0enregistrement')

    await panel.getByRole('button', { name: `Délier « ${title('linked')} »` }).click()
    await panel.getByText('Rien de lié pour l’instant.').waitFor()
    expect(await panel.getByRole('link', { name: title('linked') }).count()).toBe(0)
  })

  it('shows a conflict when the contact changed behind the form, and lets the user choose', async () => {
    const changeBehind = async (value: string) => {
      const current = await api('GET', `/records/contacts.contact/${ids.edited}`)
      await api('PATCH', `/records/contacts.contact/${ids.edited}`, {
        title: value,
        version: current.version,
      })
    }
    await go(`/m/contacts/contact/${ids.edited}/edit`)
    const job = page.getByLabel('Fonction', { exact: true })
    await expect.poll(() => job.inputValue()).toBe('Comptable')
    await job.fill('Directrice financière')
    await changeBehind('Responsable paie')
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click()

    const conflict = page.getByRole('alert').filter({ hasText: 'Cette fiche a été modifiée entre-temps' })
    await conflict.waitFor()
    // Saved from the foot of a long form, the panel at its head must come into view.
    await expect.poll(() => conflict.evaluate((el) => el.contains(document.activeElement))).toBe(true)
    const box = await conflict.boundingBox()
    expect(box && box.y >= 0 && box.y < page.viewportSize()!.height).toBe(true)
    const row = conflict.getByRole('row', { name: /Fonction/ })
    expect(await row.textContent()).toContain('Responsable paie')
    expect(await row.textContent()).toContain('Directrice financière')
    await expectAccessible('conflict-panel')
    await conflict.getByRole('button', { name: 'Reprendre la version enregistrée' }).click()
    await conflict.waitFor({ state: 'detached' })
    expect(await job.inputValue()).toBe('Responsable paie')

    await job.fill('Directrice financière')
    await changeBehind('Gestionnaire de paie')
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click()
    await conflict.waitFor()
    expect(await conflict.getByRole('row', { name: /Fonction/ }).textContent()).toContain(
      'Gestionnaire de paie',
    )
    await conflict.getByRole('button', { name: 'Enregistrer ma saisie par-dessus' }).click()
    await page.waitForURL(new RegExp(`/m/contacts/contact/${ids.edited}$`))
    await page.getByText('Directrice financière').waitFor()
    expect((await api('GET', `/records/contacts.contact/${ids.edited}`)).title).toBe('Directrice financière')
  })

  it('deactivates and reactivates a user, and resends an invitation', async () => {
    const user = await api('POST', '/admin/users', {
      name: `Marie Curie ${suffix}`,
      email: `marie.curie.${suffix}@exemple.test`,
      password: 'radium-polonium-1898',
    })
    const invited = await api('POST', '/admin/users', {
      name: `Pierre Curie ${suffix}`,
      email: `pierre.curie.${suffix}@exemple.test`,
    })
    await go('/settings/users')
    const row = rowOf(user.name)
    await row.waitFor()
    expect(
      await rowOf(ADMIN_EMAIL)
        .getByRole('button', { name: /^Désactiver/ })
        .count(),
    ).toBe(0)
    await row.getByRole('button', { name: `Désactiver ${user.name}` }).click()
    expect(await dialog().textContent()).toContain('ne pourra plus se connecter')
    await expectAccessible('deactivate-dialog')
    await dialog().getByRole('button', { name: 'Désactiver' }).click()
    await row.getByRole('button', { name: `Réactiver ${user.name}` }).waitFor()
    expect(await row.textContent()).toContain('inactif')
    expect((await api('GET', `/admin/users/${user.id}`)).status).toBe('inactive')

    await row.getByRole('button', { name: `Réactiver ${user.name}` }).click()
    await row.getByRole('button', { name: `Désactiver ${user.name}` }).waitFor()
    expect(await row.textContent()).not.toContain('inactif')
    expect((await api('GET', `/admin/users/${user.id}`)).status).toBe('active')

    await rowOf(invited.name)
      .getByRole('button', { name: `Renvoyer l’invitation à ${invited.name}` })
      .click()
    await page.getByText(`Invitation envoyée à ${invited.email}.`).waitFor()
  })

  it('adds a user to a team and removes them with the members dialog', async () => {
    const team = await api('POST', '/admin/teams', { name: `Équipe Ouest ${suffix}` })
    const [marie] = (await api('GET', '/admin/users?status=active')).data.filter((u: { name: string }) =>
      u.name.startsWith('Marie Curie'),
    )
    await go('/settings/teams')
    const row = rowOf(team.name)
    await row.waitFor()
    expect(await row.locator('td').nth(1).textContent()).toBe('0')
    await row.getByRole('button', { name: `Membres de ${team.name}` }).click()
    const box = dialog().getByRole('checkbox', { name: new RegExp(marie.name) })
    await box.check()
    await expectAccessible('team-members-dialog')
    await dialog().getByRole('button', { name: 'Enregistrer' }).click()
    await dialog().waitFor({ state: 'detached' })
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('1')
    expect((await api('GET', `/admin/teams/${team.id}`)).members.map((m: { id: string }) => m.id)).toEqual([
      marie.id,
    ])

    await row.getByRole('button', { name: `Membres de ${team.name}` }).click()
    expect(await box.isChecked()).toBe(true)
    await box.uncheck()
    await dialog().getByRole('button', { name: 'Enregistrer' }).click()
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('0')
  })

  it('shows a custom field on the record and saves what the user types in it', async () => {
    const key = `fidelite${suffix}`
    const label = `Fidélité ${suffix}`
    await api('POST', '/admin/custom-fields', {
      entity: 'contacts.contact',
      name: key,
      type: 'text',
      labels: { fr: label, en: `Loyalty ${suffix}` },
    })
    const { id } = await api('POST', '/records/contacts.contact', {
      ...person('Marc', 'Leclerc'),
      custom: { [key]: 'Argent' },
    })
    await go(`/m/contacts/contact/${id}`)
    await expect.poll(() => page.locator('main').textContent()).toContain('Argent')
    await go(`/m/contacts/contact/${id}/edit`)
    const input = page.getByLabel(label)
    await expect.poll(() => input.inputValue()).toBe('Argent')
    await input.fill('Or')
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click()
    await expect
      .poll(async () => (await api('GET', `/records/contacts.contact/${id}`)).custom?.[key])
      .toBe('Or')
  })

  it('signs in to a workspace named from the start', async () => {
    await browser.context.clearCookies()
    await go('/login')
    await page.getByRole('button', { name: 'Se connecter à un espace de travail précis' }).click()
    await page.getByLabel('Adresse e-mail').fill(ADMIN_EMAIL)
    await page.getByLabel('Mot de passe').fill(ADMIN_PASSWORD)
    await page.getByLabel('Espace de travail').fill('demo')
    const [req] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith('/api/v1/auth/login')),
      page.getByRole('button', { name: 'Se connecter', exact: true }).click(),
    ])
    expect(req.postDataJSON()).toMatchObject({ email: ADMIN_EMAIL, tenant: 'demo' })
    await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor()
  })

  // Last: the lock also holds the browser's address, so no one signs in from here for 15 minutes.
  it('says in place that logins are throttled after repeated wrong passwords', async () => {
    await browser.context.clearCookies()
    await go('/login')
    await page.getByLabel('Adresse e-mail').fill(`personne.${suffix}@exemple.test`)
    await page.getByLabel('Mot de passe').fill('pas-le-bon-mot-de-passe')
    const alert = page.locator('.login-error[role="alert"]')
    let statuses: number[] = []
    for (let attempt = 0; attempt < 8 && !statuses.includes(429); attempt++) {
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
        page.getByRole('button', { name: 'Se connecter', exact: true }).click(),
      ])
      statuses = [...statuses, res.status()]
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429])
    await expect
      .poll(() => alert.textContent())
      .toMatch(/^Trop de tentatives de connexion\. Réessayez dans 15 minutes\.$/)
    await expectAccessible('login-throttled')
  })

  it('raised no uncaught error in the page', () => {
    expect(problems).toEqual([])
  })
})
