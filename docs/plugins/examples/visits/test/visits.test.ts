import accounts from '@comptoir/plugin-accounts/server'
import { createTestCore, type TestClient, type TestCore } from '@comptoir/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import visits from '../src/server'

describe('visits', () => {
  let t: TestCore
  let admin: TestClient
  let accountId: string
  beforeAll(async () => {
    t = await createTestCore({ plugins: [accounts, visits], clock: '2026-11-27T09:00:00.000Z' })
    admin = await t.as('acme')
    accountId = (await admin.post('/api/v1/records/accounts.account', { name: 'Boulangerie Martin' })).body.id
  })
  afterAll(() => t.close())

  const plan = (client: TestClient, subject: string, scheduledAt: string) =>
    client.post('/api/v1/records/visits.visit', { subject, account: accountId, scheduledAt })

  it('lists an account’s visits on the account and shows the next planned one', async () => {
    await plan(admin, 'Présentation de la gamme', '2026-12-03T14:00:00.000Z')
    await plan(admin, 'Dégustation', '2026-12-01T10:00:00.000Z')
    const related = await admin.get(`/api/v1/records/accounts.account/${accountId}/related/visits`)
    expect(related.body.data.map((v: { subject: string }) => v.subject)).toEqual([
      'Présentation de la gamme',
      'Dégustation',
    ])
    const next = await admin.get(`/api/v1/p/visits/accounts/${accountId}/next`)
    expect(next.body.visit.subject).toBe('Dégustation')
  })

  it('completes a visit with its report, then stamps the account once the event is delivered', async () => {
    const visit = (await plan(admin, 'Bilan annuel', '2026-11-20T09:30:00.000Z')).body
    const done = await admin.post(`/api/v1/records/visits.visit/${visit.id}/actions/complete`, {
      report: 'Commande de 40 cartons prévue en janvier.',
    })
    expect(done.status).toBe(200)
    expect(done.body).toMatchObject({ status: 'done', report: 'Commande de 40 cartons prévue en janvier.' })
    const [event] = await t.outbox.events({ type: 'visits.visit.completed', id: visit.id })
    expect(event.payload).toMatchObject({ account: accountId, at: '2026-11-20T09:30:00.000Z' })
    await t.outbox.deliver()
    const account = await admin.get(`/api/v1/records/accounts.account/${accountId}`)
    expect(account.body.lastVisitAt).toBe('2026-11-20T09:30:00.000Z')
  })

  it('refuses to plan a completed visit again, naming the field', async () => {
    const visit = (await plan(admin, 'Livraison', '2026-11-18T08:00:00.000Z')).body
    const done = (
      await admin.post(`/api/v1/records/visits.visit/${visit.id}/actions/complete`, { report: 'OK' })
    ).body
    const res = await admin.patch(`/api/v1/records/visits.visit/${visit.id}`, {
      status: 'planned',
      version: done.version,
    })
    expect(res.status).toBe(422)
    expect(res.body.errors).toMatchObject([{ path: 'status', code: 'visits:error.reopen' }])
    expect(res.body.errors[0].message).toContain('planifiez-en une nouvelle')
  })

  it('lets a sales rep see their team’s visits but complete only their own', async () => {
    const rep = await t.as('acme', { roles: ['sales-rep'], teamWith: [t.tenants.acme.adminId] })
    const theirs = (await plan(rep, 'Visite du commercial', '2026-12-05T09:00:00.000Z')).body
    const others = (await plan(admin, 'Visite de l’administrateur', '2026-12-06T09:00:00.000Z')).body
    const complete = (id: string) =>
      rep.post(`/api/v1/records/visits.visit/${id}/actions/complete`, { report: 'Fait.' })
    expect((await complete(theirs.id)).status).toBe(200)
    expect((await complete(others.id)).status).toBe(403)
  })

  it('moves an account’s visits to the trash with the account', async () => {
    const other = (await admin.post('/api/v1/records/accounts.account', { name: 'Fromagerie Roux' })).body
    const visit = (
      await admin.post('/api/v1/records/visits.visit', {
        subject: 'Première visite',
        account: other.id,
        scheduledAt: '2026-12-10T10:00:00.000Z',
      })
    ).body
    const trashed = await admin.delete(`/api/v1/records/accounts.account/${other.id}`)
    expect(trashed.body.count).toBe(2)
    expect((await admin.get(`/api/v1/records/visits.visit/${visit.id}`)).status).toBe(404)
  })
})
