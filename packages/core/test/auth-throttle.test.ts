import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import { TEST_PASSWORD } from '../src/testing/test-core'
import { login } from './auth-http'
import crm from './fixtures/crm/server'

let t: TestCore
let admin: TestClient
let clock = Date.now()

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm], now: () => new Date(clock) })
  admin = await t.as('acme')
  await t.as('acme', { roles: ['sales-rep'], email: 'paul@acme.test' })
  await t.as('acme', { roles: ['sales-rep'], email: 'marie@acme.test' })
  await t.as('acme', { roles: ['sales-rep'], email: 'jeanne@acme.test' })
})
afterAll(() => t?.close())

async function failures(email: string, n: number, ip: string) {
  for (let i = 0; i < n; i++) expect((await login(t, email, 'wrong password!', { ip })).status).toBe(401)
}

async function auditEvents(event: string) {
  return (await admin.get(`/api/v1/admin/audit?event=${event}`)).body.data
}

describe('login throttling', () => {
  it('answers a wrong password and an unknown e-mail alike', async () => {
    const wrong = await login(t, 'paul@acme.test', 'not the password', { ip: '198.51.100.1' })
    const unknown = await login(t, 'nobody@acme.test', 'not the password', { ip: '198.51.100.1' })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(unknown.body).toEqual(wrong.body)
  })

  it('locks an account for 15 minutes after 5 failures, from any address, even with the right password', async () => {
    await failures('marie@acme.test', 5, '198.51.100.2')
    const locked = await login(t, 'marie@acme.test', TEST_PASSWORD, { ip: '198.51.100.2' })
    expect(locked.status).toBe(429)
    expect(locked.body.code).toBe('too-many-requests')
    const retry = Number(locked.headers.get('retry-after'))
    expect(retry).toBeGreaterThan(800)
    expect(retry).toBeLessThanOrEqual(900)
    expect((await login(t, 'marie@acme.test', TEST_PASSWORD, { ip: '198.51.100.3' })).status).toBe(429)
    clock += 16 * 60_000
    expect((await login(t, 'marie@acme.test', TEST_PASSWORD, { ip: '198.51.100.3' })).status).toBe(200)
  })

  it('locks an unknown e-mail exactly like a real one', async () => {
    await failures('ghost@acme.test', 5, '198.51.100.4')
    await failures('jeanne@acme.test', 5, '198.51.100.5')
    const ghost = await login(t, 'ghost@acme.test', 'whatever it is', { ip: '198.51.100.6' })
    const real = await login(t, 'jeanne@acme.test', 'whatever it is', { ip: '198.51.100.7' })
    expect(ghost.status).toBe(429)
    expect(real.status).toBe(429)
    expect(ghost.body).toEqual(real.body)
    clock += 16 * 60_000
  })

  it('locks an address that fails on many accounts', async () => {
    for (let i = 0; i < 5; i++)
      await login(t, `guess${i}@acme.test`, 'wrong password!', { ip: '203.0.113.50' })
    expect((await login(t, 'paul@acme.test', TEST_PASSWORD, { ip: '203.0.113.50' })).status).toBe(429)
    expect((await login(t, 'paul@acme.test', TEST_PASSWORD, { ip: '203.0.113.51' })).status).toBe(200)
  })

  it('forgets an account’s failures after a successful login, and failures older than 15 minutes', async () => {
    await failures('paul@acme.test', 4, '198.51.100.8')
    expect((await login(t, 'paul@acme.test', TEST_PASSWORD, { ip: '198.51.100.9' })).status).toBe(200)
    await failures('paul@acme.test', 4, '198.51.100.10')
    clock += 16 * 60_000
    await failures('paul@acme.test', 4, '198.51.100.11')
    expect((await login(t, 'paul@acme.test', TEST_PASSWORD, { ip: '198.51.100.12' })).status).toBe(200)
  })

  it('records failed logins in the tenant’s audit log', async () => {
    let events: any[] = []
    for (let i = 0; i < 50 && !events.some((e) => e.detail.locked); i++) {
      events = await auditEvents('login.failed')
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(events.some((e) => e.actor?.email === 'marie@acme.test' && e.detail.locked)).toBe(true)
    expect(events.filter((e) => e.actor?.email === 'marie@acme.test').length).toBeGreaterThanOrEqual(5)
    expect(events[0].ip).toBeTruthy()
  })
})
