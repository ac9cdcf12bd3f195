import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'
import notes from './fixtures/notes/server'
import { failures, received } from './fixtures/notes/events'

let t: TestCore
let admin: TestClient
beforeAll(async () => {
  t = await createTestCore({ plugins: [crm, notes] })
  admin = await t.as('acme')
})
afterAll(() => t?.close())

const outbox = () =>
  t.db.system((tx) =>
    tx.query<any>('SELECT event, attempts, delivered_at, last_error FROM core_outbox ORDER BY id'),
  )

describe('events', () => {
  it('writes events in the transaction and delivers them after commit, at least once, retrying failures', async () => {
    received.length = 0
    failures.remaining = 1
    const co = await admin.post('/api/v1/records/crm.company', { name: 'Événements SA' })
    const pending = (await outbox()).filter((e) => e.event === 'crm.company.created' && !e.delivered_at)
    expect(pending).toHaveLength(1)
    await t.core.outbox.drain()
    expect(received).toHaveLength(0)
    const failed = (await outbox()).find((e) => e.event === 'crm.company.created')
    expect(failed).toMatchObject({ attempts: 1, last_error: 'subscriber unavailable', delivered_at: null })
    await t.db.system((tx) =>
      tx.query('UPDATE core_outbox SET next_attempt_at = now() WHERE delivered_at IS NULL'),
    )
    await t.core.outbox.drain()
    expect(received.map((e) => e.payload.id)).toEqual([co.body.id])
    expect(received[0].payload.after.name).toBe('Événements SA')
  })

  it('delivers a batch in order, marks each event once, and keeps a failed one for its retry', async () => {
    received.length = 0
    const names = ['Lot 1', 'Lot 2', 'Lot 3']
    const ids: string[] = []
    for (const name of names) ids.push((await admin.post('/api/v1/records/crm.company', { name })).body.id)
    failures.remaining = 1
    await t.core.outbox.drain()
    expect(received.map((e) => e.payload.id)).toEqual(ids.slice(1))
    const ours = async () => (await outbox()).filter((e) => e.event === 'crm.company.created').slice(-3)
    const [first, ...rest] = await ours()
    expect(first).toMatchObject({ attempts: 1, delivered_at: null, last_error: 'subscriber unavailable' })
    for (const e of rest) expect(e).toMatchObject({ attempts: 1, delivered_at: expect.any(Date) })
    await t.db.system((tx) =>
      tx.query('UPDATE core_outbox SET next_attempt_at = now() WHERE delivered_at IS NULL'),
    )
    await t.core.outbox.drain()
    // Only the failed event comes again; the delivered ones are not sent twice.
    expect(received.map((e) => e.payload.id)).toEqual([...ids.slice(1), ids[0]])
    expect((await ours()).map((e) => e.attempts)).toEqual([2, 1, 1])
  })

  it('records an event no plugin subscribes to as delivered, and wakes no dispatch pass for it', async () => {
    received.length = 0
    const poke = t.core.outbox.poke
    let pokes = 0
    t.core.outbox.poke = () => {
      pokes++
      poke()
    }
    try {
      const co = await admin.post('/api/v1/records/crm.company', { name: 'Écoutée SA' })
      expect(pokes).toBe(1)
      const patched = await admin.patch(`/api/v1/records/crm.company/${co.body.id}`, {
        version: co.body.version,
        name: 'Écoutée SAS',
      })
      expect(patched.status).toBe(200)
      expect(pokes).toBe(1)
    } finally {
      t.core.outbox.poke = poke
    }
    const updated = (await outbox()).filter((e) => e.event === 'crm.company.updated').at(-1)
    expect(updated).toMatchObject({ attempts: 0, delivered_at: expect.any(Date) })
    const created = (await outbox()).filter((e) => e.event === 'crm.company.created').at(-1)
    expect(created).toMatchObject({ delivered_at: null })
    await t.core.outbox.drain()
    expect(received.map((e) => e.event)).toEqual(['crm.company.created'])
  })

  it('writes no event when the change is refused', async () => {
    const before = (await outbox()).length
    const bad = await admin.post('/api/v1/records/crm.company', { name: '' })
    expect(bad.status).toBe(422)
    expect((await outbox()).length).toBe(before)
  })

  it('does not deliver to a plugin disabled for the tenant', async () => {
    received.length = 0
    await admin.post('/api/v1/admin/plugins/notes/disable')
    await admin.post('/api/v1/records/crm.company', { name: 'Sans notes' })
    await t.core.outbox.drain()
    expect(received).toEqual([])
    await admin.post('/api/v1/admin/plugins/notes/enable')
  })
})

describe('jobs', () => {
  it('runs queued jobs, retries failures with back-off, and records the result', async () => {
    let calls = 0
    t.core.jobs.register('test.flaky', async (job) => {
      calls++
      if (calls === 1) throw new Error('first attempt fails')
      return { doubled: job.payload.n * 2 }
    })
    const id = await t.core.withTenant(t.tenants.acme.id, (ctx) =>
      ctx.core.jobs.enqueue(ctx.tx, ctx.tenant.id, 'test.flaky', { n: 21 }),
    )
    await t.core.jobs.runDue()
    let [job] = await t.db.system((tx) =>
      tx.query<any>(
        'SELECT status, attempts, last_error, run_at > now() AS later FROM core_job WHERE id = $1',
        [id],
      ),
    )
    expect(job).toMatchObject({
      status: 'queued',
      attempts: 1,
      last_error: 'first attempt fails',
      later: true,
    })
    await t.db.system((tx) => tx.query('UPDATE core_job SET run_at = now() WHERE id = $1', [id]))
    await t.core.jobs.runDue()
    ;[job] = await t.db.system((tx) =>
      tx.query<any>('SELECT status, attempts, result FROM core_job WHERE id = $1', [id]),
    )
    expect(job).toEqual({ status: 'done', attempts: 2, result: { doubled: 42 } })
  })

  it('takes over a job whose worker died once its lease expires', async () => {
    let ran = 0
    t.core.jobs.register('test.lease', async () => {
      ran++
    })
    const id = await t.core.withTenant(t.tenants.acme.id, (ctx) =>
      ctx.core.jobs.enqueue(ctx.tx, ctx.tenant.id, 'test.lease', {}),
    )
    await t.db.system((tx) =>
      tx.query(
        "UPDATE core_job SET status = 'running', locked_by = 'dead-worker', locked_at = now() WHERE id = $1",
        [id],
      ),
    )
    await t.core.jobs.runDue()
    expect(ran).toBe(0)
    await t.db.system((tx) =>
      tx.query("UPDATE core_job SET locked_at = now() - interval '10 minutes' WHERE id = $1", [id]),
    )
    await t.core.jobs.runDue()
    expect(ran).toBe(1)
  })
})
