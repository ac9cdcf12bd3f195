import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import crm from './fixtures/crm/server'
import notes from './fixtures/notes/server'
import { failures, received } from './fixtures/notes/events'

const DAY = 24 * 3600 * 1000

let t: TestCore
let admin: TestClient
beforeAll(async () => {
  t = await createTestCore({ plugins: [crm, notes], smtp: true, clock: '2026-11-27T09:00:00.000Z' })
  admin = await t.as('acme')
})
afterAll(() => t?.close())

describe('the captured outbox', () => {
  it('holds the events of committed changes, filtered by type, entity, record and tenant', async () => {
    const co = (await admin.post('/api/v1/records/crm.company', { name: 'Capture SA' })).body
    await admin.patch(`/api/v1/records/crm.company/${co.id}`, { name: 'Capture SAS', version: co.version })
    const mine = await t.outbox.events({ ref: 'crm.company', id: co.id })
    expect(mine.map((e) => e.type)).toEqual(['crm.company.created', 'crm.company.updated'])
    expect(mine[0]).toMatchObject({
      tenant: 'acme',
      delivered: false,
      payload: { entity: 'crm.company', id: co.id, actor: t.tenants.acme.adminId },
    })
    expect(mine[1].payload.after.name).toBe('Capture SAS')
    expect((await t.outbox.events({ type: 'crm.company.created', id: co.id })).length).toBe(1)
    expect((await t.outbox.events({ type: 'crm.company.', id: co.id })).length).toBe(2)
    expect(await t.outbox.events({ tenant: 'globex', id: co.id })).toEqual([])
  })

  it('holds nothing for a refused change', async () => {
    const before = (await t.outbox.events()).length
    expect((await admin.post('/api/v1/records/crm.company', { name: '' })).status).toBe(422)
    expect((await t.outbox.events()).length).toBe(before)
  })

  it('delivers pending events to subscribers, and keeps a failed one pending with its error', async () => {
    await t.outbox.deliver()
    expect(await t.outbox.events({ pending: true })).toEqual([])
    received.length = 0
    failures.remaining = 1
    const co = (await admin.post('/api/v1/records/crm.company', { name: 'Livraison SA' })).body
    await t.outbox.deliver()
    expect(received).toEqual([])
    const [failed] = await t.outbox.events({ type: 'crm.company.created', id: co.id })
    expect(failed).toMatchObject({ delivered: false, attempts: 1, lastError: 'subscriber unavailable' })
    await t.db.system((tx) =>
      tx.query('UPDATE core_outbox SET next_attempt_at = now() WHERE delivered_at IS NULL'),
    )
    expect(await t.outbox.deliver()).toBeGreaterThan(0)
    expect(received.map((e) => e.payload.id)).toEqual([co.id])
    expect(await t.outbox.events({ pending: true })).toEqual([])
  })
})

describe('the SMTP sink', () => {
  it('is each tenant’s mail server, and a password reset mail lands in it', async () => {
    const settings = await admin.get('/api/v1/admin/settings/mail')
    expect(settings.body).toMatchObject({ source: 'tenant', host: '127.0.0.1', port: t.mail.port })
    const res = await t.anonymous().post('/api/v1/auth/password-reset', { email: 'admin@acme.test' })
    expect(res.status).toBe(202)
    const mail = await t.mail.next('admin@acme.test', 30_000)
    expect(mail.subject).toBe('Réinitialisation de votre mot de passe Comptoir')
    expect(mail.text).toMatch(/http:\/\/comptoir\.test\/reset-password\?token=[a-z2-7]{32}/)
    expect(t.mail.messages({ to: 'ADMIN@acme.test' })).toContain(mail)
  })
})

describe('the clock', () => {
  it('is what core reads, and advancing it past the session lifetime ends a session', async () => {
    expect(t.clock.now().toISOString()).toBe('2026-11-27T09:00:00.000Z')
    const user = await t.as('acme', { roles: ['sales-rep'] })
    expect((await user.get('/api/v1/auth/me')).status).toBe(200)
    t.clock.advance(29 * DAY)
    expect((await user.get('/api/v1/auth/me')).status).toBe(200)
    t.clock.set('2027-06-01T00:00:00.000Z')
    expect(t.core.now().toISOString()).toBe('2027-06-01T00:00:00.000Z')
    expect((await user.get('/api/v1/auth/me')).status).toBe(401)
  })
})

describe('acting as a user', () => {
  it('refuses a role template no installed plugin defines', async () => {
    await expect(t.as('acme', { roles: ['sales-repp' as 'sales-rep'] })).rejects.toThrow(
      /Unknown role template "sales-repp" in tenant acme \(known: .*sales-rep/,
    )
  })
})
