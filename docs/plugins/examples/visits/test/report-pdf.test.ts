import accounts from '@comptoir/plugin-accounts/server'
import { createTestCore, type TestCore } from '@comptoir/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import visits from '../src/server'

describe('the visit report PDF', () => {
  let t: TestCore
  let url: string
  beforeAll(async () => {
    t = await createTestCore({ plugins: [accounts, visits] })
    const admin = await t.as('acme')
    const account = (await admin.post('/api/v1/records/accounts.account', { name: 'Épicerie Roux' })).body
    const visit = (
      await admin.post('/api/v1/records/visits.visit', {
        subject: 'Bilan de saison',
        account: account.id,
        scheduledAt: '2026-11-20T09:30:00.000Z',
      })
    ).body
    url = `/api/v1/records/visits.visit/${visit.id}/pdf/visits.report`
  })
  afterAll(() => t.close())

  it('downloads as a PDF named after the visit', async () => {
    const res = await t.app.request(`http://comptoir.test${url}`, {
      headers: { cookie: await cookieOf(t), origin: 'http://comptoir.test' },
    })
    expect(res.status, await res.clone().text()).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain(
      'visite-Bilan de saison.pdf',
    )
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-')
    expect(new TextDecoder().decode(bytes.slice(-6))).toContain('%%EOF')
  })

  it('is not there for another tenant', async () => {
    const other = await t.as('globex')
    expect((await other.get(url)).status).toBe(404)
  })
})

/** The session cookie of acme's admin, for a request whose body is bytes rather than JSON. */
async function cookieOf(t: TestCore): Promise<string> {
  const login = await t.anonymous().post('/api/v1/auth/login', {
    email: t.tenants.acme.adminEmail,
    password: t.tenants.acme.adminPassword,
  })
  return `comptoir_session=${/comptoir_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1]}`
}
