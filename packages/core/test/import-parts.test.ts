import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerImportJobs } from '../src/import/register'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'
import { allRecords, importFile } from './fixtures/csv/helpers'

let t: TestCore
let admin: TestClient

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm] })
  // One batch of 1,000 rows.
  registerImportJobs(t.core, { batchSize: 1000 })
  admin = await t.as('acme')
})
afterAll(() => t?.close())

/** A valid SIREN (Luhn key) from a number. */
function siren(n: number): string {
  const base = String(100_000_000 + n).slice(1, 9)
  for (let key = 0; key <= 9; key++) {
    const s = base + key
    const sum = [...s].reduce((acc, c, i) => {
      const d = Number(c) * (i % 2 ? 2 : 1)
      return acc + (d > 9 ? d - 9 : d)
    }, 0)
    if (sum % 10 === 0) return s
  }
  throw new Error('no key')
}

describe('a batch written in parts', () => {
  it('refuses duplicates and bad rows across parts, numbers the rest in file order, with their history', async () => {
    const lines = ['Nom;SIREN;Chiffre d’affaires']
    for (let i = 0; i < 700; i++) {
      const value = i === 600 ? siren(10) : siren(i)
      lines.push(`Société ${String(i).padStart(3, '0')};${value};${i === 420 ? 'beaucoup' : i}`)
    }
    const s = await importFile(t, admin, 'crm.company', lines.join('\r\n'))
    expect(s).toMatchObject({ status: 'done', total: 700, created: 698, failed: 2 })
    expect(s.errors.map((e: any) => [e.line, e.code])).toEqual([
      [422, 'import_invalid_number'],
      [602, 'import_duplicate'],
    ])
    const companies = (await allRecords(admin, 'crm.company')).sort((a, b) => a.name.localeCompare(b.name))
    expect(companies).toHaveLength(698)
    expect(companies.map((c) => c.number)).toEqual(
      companies.map((_, i) => `CO-${String(i + 1).padStart(4, '0')}`),
    )
    const [{ n }] = await t.db.system((tx) =>
      tx.query<{ n: number }>("SELECT count(*)::int AS n FROM core_history WHERE action = 'create'"),
    )
    expect(n).toBe(698)
    const events = await t.db.system((tx) =>
      tx.query<{ payload: any }>("SELECT payload FROM core_outbox WHERE event = 'crm.company.imported'"),
    )
    expect(events).toHaveLength(1)
    expect(new Set(events[0].payload.created)).toEqual(new Set(companies.map((c) => c.id)))
  })
})
