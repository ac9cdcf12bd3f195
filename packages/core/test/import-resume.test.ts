import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { luhnValid } from '../src/validators/french'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import { registerImportJobs } from '../src/import/register'
import crm from './fixtures/crm/server'
import crashPlugin, { crash } from './fixtures/csv/crash-plugin'
import { allRecords, runJobs, upload } from './fixtures/csv/helpers'

let t: TestCore
let admin: TestClient

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm, crashPlugin] })
  registerImportJobs(t.core, { batchSize: 200 })
  admin = await t.as('acme')
})
afterAll(() => t?.close())

/** A valid SIREN for `i`: eight digits and the Luhn key. */
function siren(i: number): string {
  const body = String(i).padStart(8, '0')
  for (let k = 0; k < 10; k++) if (luhnValid(body + k)) return body + k
  throw new Error('no key')
}

function companies(n: number, name: (i: number) => string, sirenOf: (i: number) => string = siren): string {
  const lines = ['Nom;SIREN']
  for (let i = 1; i <= n; i++) lines.push(`${name(i)};${sirenOf(i)}`)
  return `${lines.join('\r\n')}\r\n`
}

const jobRow = async (id: string) =>
  (await t.db.system((tx) => tx.query<any>('SELECT status, progress FROM core_job WHERE id = $1', [id])))[0]

const retryNow = (id: string) =>
  t.db.system((tx) =>
    tx.query("UPDATE core_job SET run_at = now() WHERE id = $1 AND status = 'queued'", [id]),
  )

describe('a crash in the middle of an import', () => {
  it('leaves whole batches only, and the resumed run finishes without duplicates or gaps', async () => {
    const file = companies(
      700,
      (i) => (i === 500 ? 'Crash' : `Société ${i}`),
      (i) => siren(i === 650 ? 10 : i),
    )
    const r = await upload(t, admin, 'crm.company', file)
    expect(r.json.total).toBe(700)
    crash.on = 'Crash'
    await runJobs(t)
    const stopped = await jobRow(r.json.id)
    expect(stopped.status).toBe('queued')
    expect(stopped.progress).toMatchObject({ done: 400, batches: 2, created: 400 })
    expect((await allRecords(admin, 'crm.company')).length).toBe(400)
    const midway = await admin.get(`/api/v1/import/jobs/${r.json.id}`)
    expect(midway.body).toMatchObject({ status: 'queued', total: 700, done: 400 })
    expect(midway.body.rate).toBeGreaterThan(0)
    expect(midway.body.secondsLeft).toBeNull()
    // A worker that takes the job over marks it running: then the time left is shown, from the rate so far.
    await t.db.system((tx) => tx.query("UPDATE core_job SET status = 'running' WHERE id = $1", [r.json.id]))
    const running = (await admin.get(`/api/v1/import/jobs/${r.json.id}`)).body
    expect(running).toMatchObject({ status: 'running', done: 400, total: 700 })
    expect(running.secondsLeft).toBe(Math.ceil(300 / running.rate))
    await t.db.system((tx) => tx.query("UPDATE core_job SET status = 'queued' WHERE id = $1", [r.json.id]))

    await retryNow(r.json.id)
    await runJobs(t)
    const s = (await admin.get(`/api/v1/import/jobs/${r.json.id}`)).body
    expect(s).toMatchObject({ status: 'done', done: 700, created: 699, failed: 1 })
    expect(s.errors).toEqual([
      {
        line: 651,
        column: 'SIREN',
        field: 'siren',
        code: 'import_duplicate',
        message: 'Doublon de la ligne 11 du fichier.',
      },
    ])
    const all = await allRecords(admin, 'crm.company')
    expect(all.length).toBe(699)
    expect(new Set(all.map((c) => c.siren)).size).toBe(699)
    const numbers = all.map((c) => Number(c.number.slice(3))).sort((a, b) => a - b)
    expect(numbers[0]).toBe(1)
    expect(numbers[numbers.length - 1]).toBe(699)
    const [{ n }] = await t.db.system((tx) =>
      tx.query<{ n: number }>("SELECT count(*)::int AS n FROM core_history WHERE note->>'import' = $1", [
        r.json.id,
      ]),
    )
    expect(n).toBe(699)
  })
})

describe('cancel', () => {
  it('stops an interrupted import between batches; what was imported stays whole', async () => {
    const before = (await allRecords(admin, 'crm.company')).length
    const r = await upload(
      t,
      admin,
      'crm.company',
      companies(
        500,
        (i) => (i === 300 ? 'Crash' : `Annulée ${i}`),
        (i) => siren(5000 + i),
      ),
    )
    crash.on = 'Crash'
    await runJobs(t)
    const c = await admin.post(`/api/v1/import/jobs/${r.json.id}/cancel`)
    expect(c.status).toBe(200)
    await retryNow(r.json.id)
    await runJobs(t)
    const s = (await admin.get(`/api/v1/import/jobs/${r.json.id}`)).body
    expect(s).toMatchObject({ status: 'cancelled', done: 200, created: 200 })
    expect((await allRecords(admin, 'crm.company')).length).toBe(before + 200)
    const again = await admin.post(`/api/v1/import/jobs/${r.json.id}/cancel`)
    expect(again.status).toBe(409)
  })

  it('drops a queued import and the file it stored', async () => {
    const big = companies(
      12000,
      (i) => `Volumineuse ${i}`,
      (i) => siren(20000 + i),
    )
    const r = await upload(t, admin, 'crm.company', big)
    const parts = () =>
      t.db.system((tx) => tx.query("SELECT id FROM core_file WHERE name LIKE 'import-crm.company.part%'"))
    expect((await parts()).length).toBeGreaterThan(0)
    expect((await admin.post(`/api/v1/import/jobs/${r.json.id}/cancel`)).body).toEqual({
      id: r.json.id,
      status: 'cancelled',
    })
    expect(await parts()).toEqual([])
    await runJobs(t)
    expect((await admin.get(`/api/v1/import/jobs/${r.json.id}`)).body).toMatchObject({
      status: 'cancelled',
      done: 0,
    })
  })
})
