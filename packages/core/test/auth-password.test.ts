import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, type TestClient, type TestCore } from '../src/testing'
import { TEST_PASSWORD } from '../src/testing/test-core'
import { login, raw } from './auth-http'
import { linkToken, startSmtp, type TestSmtp } from './auth-smtp'
import crm from './fixtures/crm/server'

let t: TestCore
let smtp: TestSmtp
let tenantSmtp: TestSmtp
let admin: TestClient
let clock = Date.now()
const NEW_PASSWORD = 'un tout nouveau mot de passe'

beforeAll(async () => {
  smtp = await startSmtp()
  tenantSmtp = await startSmtp({ user: 'acme-mailer', password: 's3cret-smtp' })
  t = await createTestCore({
    plugins: [crm],
    now: () => new Date(clock),
    config: { mail: { host: '127.0.0.1', port: smtp.port, from: 'Comptoir <noreply@comptoir.test>' } },
  })
  admin = await t.as('acme')
})
afterAll(async () => {
  await t?.close()
  await smtp?.close()
  await tenantSmtp?.close()
})

async function user(email: string, name = 'Paul Durand') {
  return t.as('acme', { roles: ['sales-rep'], email, name })
}

describe('changing my password', () => {
  it('checks the current password and the policy, then ends my other sessions and renews mine', async () => {
    await user('paul@acme.test')
    const a = await login(t, 'paul@acme.test', TEST_PASSWORD)
    const b = await login(t, 'paul@acme.test', TEST_PASSWORD)
    const wrong = await raw(t, 'POST', '/api/v1/auth/password', {
      cookie: a.cookie,
      body: { current: 'nope nope nope', next: NEW_PASSWORD },
    })
    expect(wrong.status).toBe(422)
    expect(wrong.body.errors).toEqual([expect.objectContaining({ path: 'current', code: 'wrong_password' })])
    const weak = await raw(t, 'POST', '/api/v1/auth/password', {
      cookie: a.cookie,
      body: { current: TEST_PASSWORD, next: 'short' },
    })
    expect(weak.status).toBe(422)
    expect(weak.body.errors[0]).toMatchObject({ path: 'next', code: 'weak_password' })
    expect(weak.body.errors[0].message).toContain('10')
    const ok = await raw(t, 'POST', '/api/v1/auth/password', {
      cookie: a.cookie,
      body: { current: TEST_PASSWORD, next: NEW_PASSWORD },
    })
    expect(ok.status).toBe(200)
    expect(ok.cookie).toBeTruthy()
    expect(ok.cookie).not.toBe(a.cookie)
    expect((await raw(t, 'GET', '/api/v1/auth/me', { cookie: a.cookie })).status).toBe(401)
    expect((await raw(t, 'GET', '/api/v1/auth/me', { cookie: b.cookie })).status).toBe(401)
    expect((await raw(t, 'GET', '/api/v1/auth/me', { cookie: ok.cookie })).status).toBe(200)
    expect((await login(t, 'paul@acme.test', TEST_PASSWORD)).status).toBe(401)
    expect((await login(t, 'paul@acme.test', NEW_PASSWORD)).status).toBe(200)
    const audit = (await admin.get('/api/v1/admin/audit?event=password')).body.data
    expect(audit[0]).toMatchObject({ event: 'password.changed', actor: { email: 'paul@acme.test' } })
  })

  it('refuses to change a password with an API token', async () => {
    const me = await user('token-user@acme.test')
    const token = (await me.post('/api/v1/auth/tokens', { name: 'script' })).body.token
    const r = await raw(t, 'POST', '/api/v1/auth/password', {
      bearer: token,
      body: { current: TEST_PASSWORD, next: NEW_PASSWORD },
    })
    expect(r.status).toBe(403)
    expect(r.body.code).toBe('session-required')
  })
})

describe('password reset', () => {
  it('answers the same whether or not the account exists, and mails a link only to real accounts', async () => {
    const me = await user('lucie@acme.test', 'Lucie Martin')
    const real = await raw(t, 'POST', '/api/v1/auth/password-reset', { body: { email: 'Lucie@acme.test' } })
    const ghost = await raw(t, 'POST', '/api/v1/auth/password-reset', { body: { email: 'ghost@acme.test' } })
    expect(real.status).toBe(202)
    expect(ghost.status).toBe(202)
    expect(ghost.body).toEqual(real.body)
    const mail = await smtp.next('lucie@acme.test')
    expect(mail.subject).toBe('Réinitialisation de votre mot de passe Comptoir')
    expect(mail.text).toContain('Bonjour Lucie Martin')
    expect(mail.text).toContain('«\u202fACME\u202f»')
    expect(mail.text).toMatch(/http:\/\/comptoir\.test\/reset-password\?token=[a-z2-7]{32}/)
    await new Promise((r) => setTimeout(r, 200))
    expect(smtp.inbox.some((m) => m.to.includes('ghost@acme.test'))).toBe(false)
    const token = linkToken(mail)
    const session = await login(t, 'lucie@acme.test', TEST_PASSWORD)
    const weak = await raw(t, 'POST', '/api/v1/auth/password-reset/confirm', {
      body: { token, password: '123' },
    })
    expect(weak.status).toBe(422)
    expect(weak.body.errors[0].path).toBe('password')
    const done = await raw(t, 'POST', '/api/v1/auth/password-reset/confirm', {
      body: { token, password: NEW_PASSWORD },
    })
    expect(done.status).toBe(200)
    expect((await raw(t, 'GET', '/api/v1/auth/me', { cookie: session.cookie })).status).toBe(401)
    expect((await me.get('/api/v1/auth/me')).status).toBe(401)
    expect((await login(t, 'lucie@acme.test', NEW_PASSWORD)).status).toBe(200)
    const reused = await raw(t, 'POST', '/api/v1/auth/password-reset/confirm', {
      body: { token, password: 'yet another password' },
    })
    expect(reused.status).toBe(422)
    expect(reused.body.errors[0]).toMatchObject({ path: 'token', code: 'invalid_token' })
    const events = (await admin.get('/api/v1/admin/audit?event=password.reset')).body.data.map(
      (e: any) => e.event,
    )
    expect(events).toEqual(['password.reset', 'password.reset.requested'])
  })

  it('expires a link after one hour', async () => {
    await user('late@acme.test')
    await raw(t, 'POST', '/api/v1/auth/password-reset', { body: { email: 'late@acme.test', tenant: 'acme' } })
    const token = linkToken(await smtp.next('late@acme.test'))
    clock += 61 * 60_000
    const r = await raw(t, 'POST', '/api/v1/auth/password-reset/confirm', {
      body: { token, password: NEW_PASSWORD },
    })
    expect(r.status).toBe(422)
    expect(r.body.errors[0].code).toBe('invalid_token')
    expect((await login(t, 'late@acme.test', TEST_PASSWORD)).status).toBe(200)
  })

  it('refuses a malformed request and a forged token', async () => {
    const bad = await raw(t, 'POST', '/api/v1/auth/password-reset', { body: { email: 'not an e-mail' } })
    expect(bad.status).toBe(422)
    expect(bad.body.errors[0].path).toBe('email')
    const forged = await raw(t, 'POST', '/api/v1/auth/password-reset/confirm', {
      body: { token: 'a'.repeat(32), password: NEW_PASSWORD },
    })
    expect(forged.status).toBe(422)
    expect(forged.body.errors[0].path).toBe('token')
  })

  it('sends through the tenant’s own mail server, whose password is never shown', async () => {
    await user('claire@acme.test', 'Claire')
    const put = await admin.request('PUT', '/api/v1/admin/settings/mail', {
      host: '127.0.0.1',
      port: tenantSmtp.port,
      secure: false,
      user: 'acme-mailer',
      password: 's3cret-smtp',
      from: 'ACME <crm@acme.test>',
    })
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({
      source: 'tenant',
      host: '127.0.0.1',
      user: 'acme-mailer',
      hasPassword: true,
    })
    expect(JSON.stringify(put.body)).not.toContain('s3cret')
    expect(JSON.stringify((await admin.get('/api/v1/admin/settings/mail')).body)).not.toContain('s3cret')
    await raw(t, 'POST', '/api/v1/auth/password-reset', { body: { email: 'claire@acme.test' } })
    const mail = await tenantSmtp.next('claire@acme.test')
    expect(mail.user).toBe('acme-mailer')
    expect(mail.from).toBe('crm@acme.test')
    const keep = await admin.request('PUT', '/api/v1/admin/settings/mail', {
      host: '127.0.0.1',
      port: tenantSmtp.port,
      user: 'acme-mailer',
      from: 'ACME <crm@acme.test>',
    })
    expect(keep.body.hasPassword).toBe(true)
    await raw(t, 'POST', '/api/v1/auth/password-reset', { body: { email: 'claire@acme.test' } })
    expect((await tenantSmtp.next('claire@acme.test')).user).toBe('acme-mailer')
    expect((await admin.delete('/api/v1/admin/settings/mail')).body).toEqual({ source: 'server' })
  })

  it('sends at most five reset e-mails per address within 15 minutes', async () => {
    clock += 16 * 60_000
    await user('flood@acme.test')
    for (let i = 0; i < 7; i++)
      await raw(t, 'POST', '/api/v1/auth/password-reset', { body: { email: 'flood@acme.test' } })
    for (let i = 0; i < 5; i++) await smtp.next('flood@acme.test')
    await new Promise((r) => setTimeout(r, 300))
    expect(smtp.inbox.filter((m) => m.to.includes('flood@acme.test'))).toHaveLength(5)
  })
})

describe('invitations', () => {
  it('invites a user created without a password to choose one', async () => {
    const created = await admin.post('/api/v1/admin/users', {
      email: 'new@acme.test',
      name: 'Nouvelle Recrue',
      locale: 'en',
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ invited: true, status: 'active' })
    expect((await login(t, 'new@acme.test', '')).status).toBe(422)
    const mail = await smtp.next('new@acme.test')
    expect(mail.subject).toBe('Admin acme invites you to Comptoir')
    expect(mail.text).toContain('valid for 7 days')
    const again = await admin.post(`/api/v1/admin/users/${created.body.id}/invite`)
    expect(again.status).toBe(202)
    const second = await smtp.next('new@acme.test')
    clock += 3 * 86_400_000
    const r = await raw(t, 'POST', '/api/v1/auth/password-reset/confirm', {
      body: { token: linkToken(second), password: NEW_PASSWORD },
    })
    expect(r.status).toBe(200)
    expect((await login(t, 'new@acme.test', NEW_PASSWORD)).status).toBe(200)
    expect((await admin.get(`/api/v1/admin/users/${created.body.id}`)).body.invited).toBe(false)
    const used = await raw(t, 'POST', '/api/v1/auth/password-reset/confirm', {
      body: { token: linkToken(mail), password: 'another password 2' },
    })
    expect(used.status).toBe(422)
    expect((await admin.post(`/api/v1/admin/users/${created.body.id}/invite`)).status).toBe(409)
  })
})
