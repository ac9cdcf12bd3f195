import { createTestCore, type TestClient, type TestCore } from '@comptoir/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_DEPTH } from '../src/server/hierarchy'
import accounts from '../src/server/index'

const BASE = '/api/v1/records/accounts.account'
const HIERARCHY = '/api/v1/p/accounts/hierarchy'

let t: TestCore
let admin: TestClient
const id: Record<string, string> = {}

async function account(name: string, parent?: string, extra: Record<string, unknown> = {}) {
  const r = await admin.post(BASE, { name, ...(parent ? { parentAccount: parent } : {}), ...extra })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  id[name] = r.body.id
  return r.body
}

/** `name (depth) ← parent name`, in the order the route answers, hidden accounts as `—`. */
function shape(body: any): string[] {
  const title = (nodeId: string) => body.nodes.find((p: any) => p.id === nodeId)?.title ?? '—'
  return body.nodes.map(
    (n: any) => `${n.title ?? '—'} (${n.depth})${n.parent ? ` ← ${title(n.parent)}` : ''}`,
  )
}

beforeAll(async () => {
  t = await createTestCore({ plugins: [accounts], tenants: ['acme', 'globex'] })
  admin = await t.as('acme')
  // Groupe Delmas → Delmas France → Delmas Ouest → Delmas Nantes; Delmas Benelux beside Delmas France.
  await account('Groupe Delmas')
  await account('Delmas France', id['Groupe Delmas'])
  await account('Delmas Benelux', id['Groupe Delmas'])
  await account('Delmas Ouest', id['Delmas France'])
  await account('Delmas Nantes', id['Delmas Ouest'])
  await account('Indépendant SARL')
})
afterAll(() => t?.close())

describe('account hierarchy', () => {
  it('gives the whole group from any of its accounts: parents up to the head company and all subsidiaries', async () => {
    for (const from of ['Delmas Ouest', 'Groupe Delmas', 'Delmas Nantes']) {
      const r = await admin.get(`${HIERARCHY}/${id[from]}`)
      expect(r.status).toBe(200)
      expect(r.body).toMatchObject({ root: id['Groupe Delmas'], focus: id[from], truncated: false })
      expect(shape(r.body).sort()).toEqual(
        [
          'Groupe Delmas (0)',
          'Delmas France (1) ← Groupe Delmas',
          'Delmas Benelux (1) ← Groupe Delmas',
          'Delmas Ouest (2) ← Delmas France',
          'Delmas Nantes (3) ← Delmas Ouest',
        ].sort(),
      )
      expect(r.body.nodes.find((n: any) => n.title === 'Groupe Delmas').number).toMatch(/^ACC-\d{5}$/)
    }
  })

  it('answers a single node for an account without parent or subsidiary', async () => {
    const r = await admin.get(`${HIERARCHY}/${id['Indépendant SARL']}`)
    expect(shape(r.body)).toEqual(['Indépendant SARL (0)'])
  })

  it('follows a move of a subsidiary to another parent, and leaves trashed accounts out', async () => {
    const ouest = (await admin.get(`${BASE}/${id['Delmas Ouest']}`)).body
    const moved = await admin.patch(`${BASE}/${ouest.id}`, {
      parentAccount: id['Delmas Benelux'],
      version: ouest.version,
    })
    expect(moved.status).toBe(200)
    expect((await admin.delete(`${BASE}/${id['Delmas Nantes']}`)).status).toBe(200)
    const r = await admin.get(`${HIERARCHY}/${id['Delmas France']}`)
    expect(shape(r.body).sort()).toEqual(
      [
        'Groupe Delmas (0)',
        'Delmas France (1) ← Groupe Delmas',
        'Delmas Benelux (1) ← Groupe Delmas',
        'Delmas Ouest (2) ← Delmas Benelux',
      ].sort(),
    )
  })

  it(`stops ${MAX_DEPTH} levels below the head company`, async () => {
    let parent: string | undefined
    for (let i = 0; i <= MAX_DEPTH + 2; i++) parent = (await account(`Niveau ${i}`, parent)).id
    const r = await admin.get(`${HIERARCHY}/${id['Niveau 0']}`)
    expect(Math.max(...r.body.nodes.map((n: any) => n.depth))).toBe(MAX_DEPTH)
    expect(r.body.nodes.length).toBe(MAX_DEPTH + 1)
  })

  it('describes only what the user may read, keeping a hidden parent as a nameless link', async () => {
    const rep = await t.as('acme', { grants: { 'accounts.account.read': 'own' } })
    // The rep owns a subsidiary under a holding they may not read.
    const holding = await account('Holding Secrète')
    const mine = await account('Filiale du commercial', holding.id, { owner: rep.userId })
    await account('Autre filiale', holding.id)
    const r = await rep.get(`${HIERARCHY}/${mine.id}`)
    expect(r.status).toBe(200)
    expect(r.body.nodes).toEqual([
      { id: holding.id, parent: null, depth: 0, restricted: true },
      expect.objectContaining({ id: mine.id, parent: holding.id, depth: 1, title: 'Filiale du commercial' }),
    ])
    expect(JSON.stringify(r.body)).not.toMatch(/Secrète|Autre filiale/)
    expect((await rep.get(`${HIERARCHY}/${holding.id}`)).status).toBe(404)
  })

  it('is closed to another tenant and to users who may not read accounts', async () => {
    const globex = await t.as('globex')
    expect((await globex.get(`${HIERARCHY}/${id['Groupe Delmas']}`)).status).toBe(404)
    const nobody = await t.as('acme', { grants: {} })
    expect((await nobody.get(`${HIERARCHY}/${id['Groupe Delmas']}`)).status).toBe(403)
    expect((await admin.get(`${HIERARCHY}/not-an-id`)).status).toBe(404)
  })
})
