/**
 * Matching keys declared by real entities (`importKeys`): a contact's e-mail, an account's SIRET. The
 * accounts and contacts plugins are loaded from their build, as an application loads them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import accounts from '../../plugin-accounts/dist/server.js'
import contacts from '../../plugin-contacts/dist/server.js'
import { registerImportJobs } from '../src/import/register'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import { luhnValid } from '../src/validators/french'
import { allRecords, importFile, upload } from './fixtures/csv/helpers'

let t: TestCore
let admin: TestClient

/** A valid SIRET: the SIREN `siren`, a four-digit establishment number from `n`, and the Luhn key. */
function siret(siren: string, n: number): string {
  const body = siren + String(n).padStart(4, '0')
  for (let k = 0; k < 10; k++) if (luhnValid(body + k)) return body + k
  throw new Error('no key')
}

const SIREN = '732829320'

beforeAll(async () => {
  t = await createTestCore({ plugins: [accounts, contacts] })
  registerImportJobs(t.core)
  admin = await t.as('acme')
})
afterAll(() => t?.close())

describe('a contact’s e-mail', () => {
  it('is a matching key: an upsert updates the contact with that address, whatever its case', async () => {
    await importFile(
      t,
      admin,
      'contacts.contact',
      'Nom;E-mail;Fonction\nMartin;paul.martin@exemple.fr;Comptable\n',
    )
    const s = await importFile(
      t,
      admin,
      'contacts.contact',
      'Nom;E-mail;Fonction\nMartin;Paul.Martin@Exemple.FR;Directeur financier\nNouveau;nouveau@exemple.fr;Acheteur\n',
      'mode=upsert&key=email',
    )
    expect(s).toMatchObject({ status: 'done', key: 'email', created: 1, updated: 1, errors: [] })
    const all = await allRecords(admin, 'contacts.contact')
    expect(all.map((c) => [c.lastName, c.email, c.title]).sort()).toEqual([
      ['Martin', 'paul.martin@exemple.fr', 'Directeur financier'],
      ['Nouveau', 'nouveau@exemple.fr', 'Acheteur'],
    ])
  })

  it('is reported when two rows of a file share it, in create mode too', async () => {
    const s = await importFile(
      t,
      admin,
      'contacts.contact',
      'Nom;E-mail\nDoublon;double@exemple.fr\nAutre;autre@exemple.fr\nDoublon bis;DOUBLE@exemple.fr\n',
    )
    expect(s).toMatchObject({ status: 'done', created: 2, failed: 1 })
    expect(s.errors).toEqual([
      {
        line: 4,
        column: 'E-mail',
        field: 'email',
        code: 'import_duplicate',
        message: 'Doublon de la ligne 2 du fichier.',
      },
    ])
  })
})

describe('an account’s SIRET', () => {
  it('is a matching key for accounts', async () => {
    await importFile(t, admin, 'accounts.account', `Nom du compte;SIRET\nSiège Martin;${siret(SIREN, 1)}\n`)
    const s = await importFile(
      t,
      admin,
      'accounts.account',
      `Nom du compte;SIRET\nSiège Martin (Lyon);${siret(SIREN, 1)}\nAgence Martin;${siret(SIREN, 2)}\n`,
      'mode=upsert&key=siret',
    )
    expect(s).toMatchObject({ status: 'done', key: 'siret', created: 1, updated: 1, errors: [] })
    const byName = Object.fromEntries(
      (await allRecords(admin, 'accounts.account')).map((a) => [a.name, a.siret]),
    )
    expect(byName).toEqual({ 'Siège Martin (Lyon)': siret(SIREN, 1), 'Agence Martin': siret(SIREN, 2) })
  })

  it('finds a contact’s account, spaces and all, and reports one that matches nothing', async () => {
    const spaced = siret(SIREN, 2).replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4')
    const s = await importFile(
      t,
      admin,
      'contacts.contact',
      `Nom;Compte\nLefèvre;${spaced}\nInconnu;${siret('552100554', 9)}\n`,
    )
    expect(s).toMatchObject({ created: 1, failed: 1 })
    expect(s.errors.map((e: any) => [e.line, e.column, e.code])).toEqual([
      [3, 'Compte', 'import_reference_not_found'],
    ])
    const lefevre = (await allRecords(admin, 'contacts.contact')).find((c) => c.lastName === 'Lefèvre')
    expect(lefevre.account.title).toBe('Agence Martin')
  })

  it('refuses a key that the entity does not declare', async () => {
    const r = await upload(
      t,
      admin,
      'accounts.account',
      'Nom du compte;Téléphone\nX;01 02 03 04 05\n',
      'mode=upsert&key=phone',
    )
    expect(r.status).toBe(400)
    expect(r.json.errors[0]).toMatchObject({ path: 'key', code: 'import_invalid_key' })
  })
})
