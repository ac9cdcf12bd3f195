import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerImportJobs } from '../src/import/register'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'
import { importFile } from './fixtures/csv/helpers'
import { failures, received } from './fixtures/notes/events'
import notes from './fixtures/notes/server'

let t: TestCore
let admin: TestClient

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm, notes] })
  registerImportJobs(t.core, { batchSize: 2 })
  admin = await t.as('acme')
})
afterAll(() => t?.close())

const events = (name: string) =>
  t.db.system((tx) =>
    tx.query<{ payload: any }>('SELECT payload FROM core_outbox WHERE event = $1 ORDER BY id', [name]),
  )

describe('the events of an import', () => {
  it('announces each batch once, with the records it created and updated', async () => {
    const s = await importFile(t, admin, 'crm.person', 'Nom\nUn\nDeux\nTrois\n')
    expect(s).toMatchObject({ created: 3, errors: [] })
    const batches = await events('crm.person.imported')
    expect(batches).toHaveLength(2)
    expect(batches.map((e) => e.payload.created.length)).toEqual([2, 1])
    expect(batches[0].payload).toMatchObject({
      entity: 'crm.person',
      import: s.id,
      updated: [],
      actor: admin.userId,
    })
    // Nothing subscribes to the records engine's per-record event: it is not written.
    expect(await events('crm.person.created')).toEqual([])
  })

  it('also writes the per-record events a plugin subscribes to, and they are delivered', async () => {
    received.length = 0
    failures.remaining = 0
    const s = await importFile(t, admin, 'crm.company', 'Nom\nAlpha\nBêta\nGamma\n')
    expect(s).toMatchObject({ created: 3, errors: [] })
    expect((await events('crm.company.imported')).flatMap((e) => e.payload.created)).toHaveLength(3)
    await t.core.outbox.drain()
    expect(received.map((e) => e.payload.after.name).sort()).toEqual(['Alpha', 'Bêta', 'Gamma'])
  })
})
