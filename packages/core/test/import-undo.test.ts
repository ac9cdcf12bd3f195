import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import { registerImportJobs } from '../src/import/register'
import crm from './fixtures/crm/server'
import { allRecords, importFile, runJobs } from './fixtures/csv/helpers'

let t: TestCore
let admin: TestClient

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm] })
  registerImportJobs(t.core)
  admin = await t.as('acme')
})
afterAll(() => t?.close())

const byName = async () =>
  Object.fromEntries((await allRecords(admin, 'crm.company')).map((c) => [c.name, c]))

async function undo(id: string) {
  const r = await admin.post(`/api/v1/import/jobs/${id}/undo`)
  if (r.status !== 202) return r
  await runJobs(t)
  return admin.get(`/api/v1/import/jobs/${r.body.id}`)
}

describe('undo an import', () => {
  it('trashes what it created as one batch and restores what it updated', async () => {
    await importFile(t, admin, 'crm.company', 'Nom;SIREN;Type\nAncienne;732829320;Prospect\n')
    const before = (await byName()).Ancienne
    const csv =
      'Nom;SIREN;Type\nAncienne;732829320;Client\nNouvelle A;303265045;Client\nNouvelle B;;Fournisseur\n'
    const imported = await importFile(t, admin, 'crm.company', csv, 'mode=upsert&key=siren')
    expect(imported).toMatchObject({ created: 2, updated: 1 })
    expect(imported.undoableUntil).not.toBeNull()
    const person = await importFile(t, admin, 'crm.person', 'Nom;Société\nSalarié;Nouvelle A\n')
    expect(person.created).toBe(1)

    const done = await undo(imported.id)
    expect(done.body).toMatchObject({ kind: 'undo', status: 'done', trashed: 2, restored: 1, conflicts: 0 })
    const after = await byName()
    expect(Object.keys(after).sort()).toEqual(['Ancienne'])
    expect(after.Ancienne).toMatchObject({ kind: 'prospect', version: before.version + 2 })
    const trash = await admin.get('/api/v1/trash?entity=crm.company')
    expect(trash.body.data.map((x: any) => x.title).sort()).toEqual(['Nouvelle A', 'Nouvelle B'])
    expect(new Set(trash.body.data.map((x: any) => x.batchId)).size).toBe(1)
    expect(await allRecords(admin, 'crm.person')).toEqual([])

    const status = (await admin.get(`/api/v1/import/jobs/${imported.id}`)).body
    expect(status.undo).toMatchObject({ trashed: 2, restored: 1, conflicts: 0 })
    expect(status.undoableUntil).toBeNull()
    expect((await admin.post(`/api/v1/import/jobs/${imported.id}/undo`)).status).toBe(409)

    const restored = await admin.post(`/api/v1/trash/crm.company/${trash.body.data[0].id}/restore`)
    expect(restored.body.restored).toBe(3)
  })

  it('leaves records changed since the import as they are, and reports them', async () => {
    const imported = await importFile(
      t,
      admin,
      'crm.company',
      'Nom;Type\nPlus tard;Client\nSans suite;Client\n',
    )
    const record = (await byName())['Plus tard']
    await admin.patch(`/api/v1/records/crm.company/${record.id}`, {
      version: record.version,
      kind: 'supplier',
    })
    const other = await importFile(t, admin, 'crm.company', `id;Type\n${record.id};Prospect\n`, 'mode=update')
    await admin.patch(`/api/v1/records/crm.company/${record.id}`, {
      version: record.version + 2,
      kind: 'customer',
    })
    const done = await undo(other.id)
    expect(done.body).toMatchObject({ restored: 0, conflicts: 1 })
    expect((await byName())['Plus tard'].kind).toBe('customer')
    const first = await undo(imported.id)
    expect(first.body).toMatchObject({ trashed: 2 })
  })

  it('is refused for a dry run, and once the undo period is over', async () => {
    const dry = await importFile(t, admin, 'crm.company', 'Nom\nSimulée\n', 'dryRun=true')
    const r = await admin.post(`/api/v1/import/jobs/${dry.id}/undo`)
    expect(r.status).toBe(409)
    expect(r.body).toMatchObject({
      code: 'import-not-undoable',
      title: 'Cet import ne peut pas être annulé.',
    })
    const old = await importFile(t, admin, 'crm.company', 'Nom\nAncienne importée\n')
    await t.db.system((tx) =>
      tx.query("UPDATE core_job SET finished_at = now() - interval '8 days' WHERE id = $1", [old.id]),
    )
    expect((await admin.post(`/api/v1/import/jobs/${old.id}/undo`)).status).toBe(409)
    expect((await byName())['Ancienne importée']).toBeDefined()
  })
})

describe('the undo period', () => {
  it('follows the server’s setting in days', async () => {
    const short = await createTestCore({ plugins: [crm], tenants: ['acme'], config: { importUndoDays: 2 } })
    try {
      const user = await short.as('acme')
      const s = await importFile(short, user, 'crm.company', 'Nom\nCourte durée\n')
      const period = Date.parse(s.undoableUntil) - Date.parse(s.finishedAt)
      expect(period).toBe(2 * 86_400_000)
      await short.db.system((tx) =>
        tx.query("UPDATE core_job SET finished_at = now() - interval '3 days' WHERE id = $1", [s.id]),
      )
      expect((await user.get(`/api/v1/import/jobs/${s.id}`)).body.undoableUntil).toBeNull()
      expect((await user.post(`/api/v1/import/jobs/${s.id}/undo`)).status).toBe(409)
    } finally {
      await short.close()
    }
  })
})
