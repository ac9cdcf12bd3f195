import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, TEST_PASSWORD, type TestClient, type TestCore } from '../src/testing'
import { login, signIn } from './auth-http'
import crm from './fixtures/crm/server'

let t: TestCore
let admin: TestClient
let globex: TestClient
let rep: TestClient
let repRole: string

beforeAll(async () => {
  t = await createTestCore({ plugins: [crm] })
  admin = await t.as('acme')
  globex = await t.as('globex')
  rep = await t.as('acme', { roles: ['sales-rep'], name: 'Rep' })
  repRole = (await admin.get('/api/v1/admin/roles')).body.data.find((r: any) => r.template === 'sales-rep').id
})
afterAll(() => t?.close())

describe('users', () => {
  it('creates a user with a password, roles and teams, who can then sign in with those rights', async () => {
    const team = await admin.post('/api/v1/admin/teams', { name: 'Lyon' })
    const r = await admin.post('/api/v1/admin/users', {
      email: 'Sophie@Acme.test',
      name: 'Sophie Bernard',
      password: 'mot de passe solide',
      roles: [repRole],
      teams: [team.body.id],
    })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({
      email: 'sophie@acme.test',
      isAdmin: false,
      invited: false,
      locale: 'fr',
      roles: [{ id: repRole }],
      teams: [{ id: team.body.id, name: 'Lyon' }],
    })
    const list = await admin.get('/api/v1/admin/users')
    expect(list.body.data.map((u: any) => u.email)).toContain('sophie@acme.test')
    const s = await login(t, 'sophie@acme.test', 'mot de passe solide')
    expect(s.status).toBe(200)
    const audit = (await admin.get('/api/v1/admin/audit?event=user.created')).body.data[0]
    expect(audit).toMatchObject({
      actor: { id: admin.userId },
      detail: { email: 'sophie@acme.test', invited: false },
    })
  })

  it('names every invalid field and writes nothing', async () => {
    const r = await admin.post('/api/v1/admin/users', {
      email: 'sophie@acme.test',
      name: '',
      password: 'short',
      roles: [repRole, '0190aaaa-0000-7000-8000-000000000000'],
      teams: 'Lyon',
      isAdmin: 'maybe',
    })
    expect(r.status).toBe(422)
    expect(r.body.errors.map((e: any) => e.path).sort()).toEqual([
      'email',
      'isAdmin',
      'name',
      'password',
      'roles.1',
      'teams',
    ])
    expect(r.body.errors.find((e: any) => e.path === 'email').code).toBe('unique')
    const list = await admin.get('/api/v1/admin/users')
    expect(list.body.data.filter((u: any) => u.email === 'sophie@acme.test')).toHaveLength(1)
  })

  it('refuses another tenant’s roles and teams', async () => {
    const theirRole = (await globex.get('/api/v1/admin/roles')).body.data[0].id
    const r = await admin.post('/api/v1/admin/users', { email: 'x@acme.test', name: 'X', roles: [theirRole] })
    expect(r.status).toBe(422)
    expect(r.body.errors[0]).toMatchObject({ path: 'roles.0', code: 'reference_not_found' })
  })

  it('edits a user and audits the change of rights', async () => {
    const u = (await admin.get('/api/v1/admin/users')).body.data.find(
      (x: any) => x.email === 'sophie@acme.test',
    )
    const r = await admin.patch(`/api/v1/admin/users/${u.id}`, {
      name: 'Sophie B.',
      roles: [],
      isAdmin: true,
    })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ name: 'Sophie B.', roles: [], isAdmin: true })
    const e = (await admin.get('/api/v1/admin/audit?event=user.rights.changed')).body.data[0]
    expect(e.detail).toMatchObject({
      user: u.id,
      before: { isAdmin: false },
      after: { isAdmin: true, roles: [] },
    })
    const dup = await admin.patch(`/api/v1/admin/users/${u.id}`, { email: 'admin@acme.test' })
    expect(dup.status).toBe(422)
    expect(dup.body.errors[0]).toMatchObject({ path: 'email', code: 'unique' })
  })

  it('keeps at least one active administrator', async () => {
    const others = (await admin.get('/api/v1/admin/users')).body.data.filter(
      (u: any) => u.isAdmin && u.id !== admin.userId,
    )
    for (const o of others) await admin.patch(`/api/v1/admin/users/${o.id}`, { isAdmin: false })
    const demote = await admin.patch(`/api/v1/admin/users/${admin.userId}`, { isAdmin: false })
    expect(demote.status).toBe(409)
    expect(demote.body.code).toBe('last-admin')
    const self = await admin.post(`/api/v1/admin/users/${admin.userId}/deactivate`)
    expect(self.status).toBe(409)
    expect(self.body.code).toBe('self-deactivation')
    expect((await admin.get('/api/v1/auth/me')).body.user.isAdmin).toBe(true)
  })

  it('deactivates a user at once and lets them back in only with a new login', async () => {
    const u = await t.as('acme', { roles: ['sales-rep'], email: 'leaving@acme.test' })
    const r = await admin.post(`/api/v1/admin/users/${u.userId}/deactivate`)
    expect(r.body.status).toBe('inactive')
    expect((await u.get('/api/v1/auth/me')).status).toBe(401)
    expect((await login(t, 'leaving@acme.test', 'correct horse battery staple')).status).toBe(401)
    expect((await admin.get('/api/v1/admin/users?status=inactive')).body.data.map((x: any) => x.id)).toEqual([
      u.userId,
    ])
    expect((await admin.post(`/api/v1/admin/users/${u.userId}/activate`)).body.status).toBe('active')
    expect((await login(t, 'leaving@acme.test', 'correct horse battery staple')).status).toBe(200)
    const events = (await admin.get(`/api/v1/admin/audit?event=user`)).body.data.map((e: any) => e.event)
    expect(events.slice(0, 2)).toEqual(['user.activated', 'user.deactivated'])
  })

  it('is for administrators only, and another tenant’s users do not exist', async () => {
    expect((await rep.get('/api/v1/admin/users')).status).toBe(403)
    expect((await rep.post('/api/v1/admin/users', { email: 'r@acme.test', name: 'R' })).status).toBe(403)
    expect((await rep.patch(`/api/v1/admin/users/${rep.userId}`, { isAdmin: true })).status).toBe(403)
    expect((await rep.post(`/api/v1/admin/users/${admin.userId}/deactivate`)).status).toBe(403)
    const id = rep.userId
    expect((await globex.get(`/api/v1/admin/users/${id}`)).status).toBe(404)
    expect((await globex.patch(`/api/v1/admin/users/${id}`, { name: 'Hacked' })).status).toBe(404)
    expect((await globex.post(`/api/v1/admin/users/${id}/deactivate`)).status).toBe(404)
    expect((await globex.post(`/api/v1/admin/users/${id}/activate`)).status).toBe(404)
    expect((await globex.post(`/api/v1/admin/users/${id}/invite`)).status).toBe(404)
    expect((await globex.get('/api/v1/admin/users')).body.data.map((u: any) => u.id)).not.toContain(id)
    const me = await rep.get('/api/v1/auth/me')
    expect(me.status).toBe(200)
    expect(me.body.user.name).toBe('Rep')
  })
})

describe('teams', () => {
  it('creates, renames, changes members and deletes teams', async () => {
    const a = await t.as('acme', { roles: ['sales-rep'], name: 'Alice' })
    const b = await t.as('acme', { roles: ['sales-rep'], name: 'Bruno' })
    const team = await admin.post('/api/v1/admin/teams', { name: 'Paris', members: [a.userId] })
    expect(team.status).toBe(201)
    expect(team.body.members.map((m: any) => m.name)).toEqual(['Alice'])
    const dup = await admin.post('/api/v1/admin/teams', { name: 'Paris' })
    expect(dup.status).toBe(422)
    expect(dup.body.errors[0]).toMatchObject({ path: 'name', code: 'unique' })
    const added = await admin.post(`/api/v1/admin/teams/${team.body.id}/members`, { userId: b.userId })
    expect(added.body.members.map((m: any) => m.name)).toEqual(['Alice', 'Bruno'])
    const removed = await admin.delete(`/api/v1/admin/teams/${team.body.id}/members/${a.userId}`)
    expect(removed.body.members.map((m: any) => m.name)).toEqual(['Bruno'])
    expect((await admin.delete(`/api/v1/admin/teams/${team.body.id}/members/${a.userId}`)).status).toBe(404)
    const renamed = await admin.patch(`/api/v1/admin/teams/${team.body.id}`, {
      name: 'Paris Est',
      members: [a.userId, b.userId],
    })
    expect(renamed.body).toMatchObject({ name: 'Paris Est' })
    expect(renamed.body.members).toHaveLength(2)
    const bad = await admin.post(`/api/v1/admin/teams/${team.body.id}/members`, { userId: 'nobody' })
    expect(bad.status).toBe(422)
    expect(bad.body.errors[0].path).toBe('userId')
    const events = (await admin.get('/api/v1/admin/audit?event=team')).body.data.map((e: any) => e.event)
    expect(events).toContain('team.members.changed')
    expect((await admin.delete(`/api/v1/admin/teams/${team.body.id}`)).status).toBe(200)
    expect((await admin.get(`/api/v1/admin/teams/${team.body.id}`)).status).toBe(404)
    expect((await admin.get(`/api/v1/admin/users/${a.userId}`)).body.teams).toEqual([])
  })

  it('gives team scope over teammates’ records', async () => {
    const before = await t.as('acme', {
      grants: { 'crm.person.read': 'team' },
      name: 'Lead',
      email: 'lead@acme.test',
    })
    const mate = await t.as('acme', { roles: ['sales-rep'], name: 'Mate' })
    const p = await mate.post('/api/v1/records/crm.person', { lastName: 'Client de Mate' })
    expect((await before.get(`/api/v1/records/crm.person/${p.body.id}`)).status).toBe(404)
    await admin.post('/api/v1/admin/teams', { name: 'Binôme', members: [before.userId, mate.userId] })
    // Joining a team changes the lead's rights: they sign in again.
    expect((await before.get('/api/v1/auth/me')).status).toBe(401)
    const lead = await signIn(t, 'lead@acme.test', TEST_PASSWORD)
    expect((await lead.get(`/api/v1/records/crm.person/${p.body.id}`)).status).toBe(200)
  })

  it('is for administrators only, and another tenant’s teams do not exist', async () => {
    const team = await admin.post('/api/v1/admin/teams', { name: 'Nantes' })
    const id = team.body.id
    expect((await rep.get('/api/v1/admin/teams')).status).toBe(403)
    expect((await rep.post('/api/v1/admin/teams', { name: 'Mine' })).status).toBe(403)
    expect((await rep.patch(`/api/v1/admin/teams/${id}`, { name: 'Mine' })).status).toBe(403)
    expect((await rep.delete(`/api/v1/admin/teams/${id}`)).status).toBe(403)
    expect((await rep.post(`/api/v1/admin/teams/${id}/members`, { userId: rep.userId })).status).toBe(403)
    await admin.patch(`/api/v1/admin/teams/${id}`, { members: [rep.userId] })
    expect((await globex.get(`/api/v1/admin/teams/${id}`)).status).toBe(404)
    expect((await globex.patch(`/api/v1/admin/teams/${id}`, { name: 'X' })).status).toBe(404)
    expect((await globex.delete(`/api/v1/admin/teams/${id}`)).status).toBe(404)
    expect((await globex.post(`/api/v1/admin/teams/${id}/members`, { userId: globex.userId })).status).toBe(
      404,
    )
    expect((await globex.delete(`/api/v1/admin/teams/${id}/members/${rep.userId}`)).status).toBe(404)
    const globexTeam = await globex.post('/api/v1/admin/teams', { name: 'G' })
    const cross = await globex.post(`/api/v1/admin/teams/${globexTeam.body.id}/members`, {
      userId: rep.userId,
    })
    expect(cross.status).toBe(422)
    expect((await admin.get(`/api/v1/admin/teams/${id}`)).body).toMatchObject({
      name: 'Nantes',
      members: [{ id: rep.userId }],
    })
  })
})
