import { App } from '@comptoir/core/web'
import { toaster } from '@kobalte/core/toast'
import { fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { bootstrap } from './harness'

type User = { id: string; name: string; email: string; status: string; invited: boolean; isAdmin: boolean }
type Team = { id: string; name: string; members: { id: string; name: string; email: string }[] }
type Answer = { status: number; body?: unknown }

let users: User[]
let teams: Team[]
/** Requests the fake server received, as `METHOD /path body`. */
let calls: string[]
/** Answers that replace the fake server's for one `METHOD /path`. */
let overrides: Record<string, Answer>

const user = (id: string, name: string, extra: Partial<User> = {}): User => ({
  id,
  name,
  email: `${id}@exemple.fr`,
  status: 'active',
  invited: false,
  isAdmin: false,
  ...extra,
})

function answer(method: string, path: string, body: unknown): Answer {
  const override = overrides[`${method} ${path}`]
  if (override) return override
  if (path === '/bootstrap') return { status: 200, body: bootstrap }
  if (path === '/admin/users') return { status: 200, body: { data: users } }
  if (path === '/admin/users?status=active')
    return { status: 200, body: { data: users.filter((u) => u.status === 'active') } }
  if (path === '/admin/teams') return { status: 200, body: { data: teams } }
  const status = /^\/admin\/users\/(\w+)\/(deactivate|activate|invite)$/.exec(path)
  if (method === 'POST' && status) {
    const u = users.find((x) => x.id === status[1])!
    if (status[2] === 'invite') return { status: 202, body: { ok: true } }
    u.status = status[2] === 'deactivate' ? 'inactive' : 'active'
    return { status: 200, body: u }
  }
  const members = /^\/admin\/teams\/(\w+)\/members(?:\/(\w+))?$/.exec(path)
  if (members) {
    const team = teams.find((t) => t.id === members[1])!
    const id = members[2] ?? (body as { userId: string }).userId
    team.members = team.members.filter((m) => m.id !== id)
    if (method === 'POST') {
      const u = users.find((x) => x.id === id)!
      team.members.push({ id: u.id, name: u.name, email: u.email })
    }
    return { status: method === 'POST' ? 201 : 200, body: team }
  }
  return { status: 200, body: { data: [] } }
}

function fakeServer(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const method = init?.method ?? 'GET'
  const path = String(input).replace(/^\/api\/v1/, '')
  const body = init?.body ? JSON.parse(String(init.body)) : undefined
  if (method !== 'GET')
    calls.push(`${method} ${path}${body && Object.keys(body).length ? ` ${JSON.stringify(body)}` : ''}`)
  const a = answer(method, path, body)
  return Promise.resolve(
    new Response(a.body === undefined ? null : JSON.stringify(a.body), {
      status: a.status,
      headers: { 'content-type': a.status >= 400 ? 'application/problem+json' : 'application/json' },
    }),
  )
}

function openSettings(section: 'users' | 'teams') {
  window.history.pushState({}, '', `/settings/${section}`)
  render(() => <App locale="fr" />)
}

// The first visit loads the settings pages on demand, which takes a while in the test runner.
const row = async (name: string) =>
  (await screen.findByRole('cell', { name }, { timeout: 10_000 })).closest('tr') as HTMLElement

beforeEach(() => {
  users = [
    user('u1', 'Ana', { isAdmin: true }),
    user('u2', 'Marie Curie'),
    user('u3', 'Pierre Curie', { invited: true }),
  ]
  teams = [{ id: 't1', name: 'Ventes', members: [{ id: 'u1', name: 'Ana', email: 'u1@exemple.fr' }] }]
  calls = []
  overrides = {}
  vi.stubGlobal('fetch', vi.fn(fakeServer))
})

afterEach(() => {
  vi.unstubAllGlobals()
  // Toasts outlive a test, and the region shows only a few at a time.
  toaster.clear()
})

describe('users settings', () => {
  it('asks before deactivating a user, then offers to reactivate them', async () => {
    openSettings('users')
    const marie = await row('Marie Curie')
    expect(within(await row('Ana')).queryByRole('button', { name: /^Désactiver/ })).toBeNull()
    expect(screen.queryByRole('button', { name: /^Supprimer/ })).toBeNull()

    fireEvent.click(within(marie).getByRole('button', { name: 'Désactiver Marie Curie' }))
    const dialog = await screen.findByRole('dialog', { name: 'Désactiver Marie Curie\u202f?' })
    expect(dialog.textContent).toContain('ne pourra plus se connecter')
    expect(calls).toEqual([])
    fireEvent.click(within(dialog).getByRole('button', { name: 'Désactiver' }))

    const reactivate = await screen.findByRole('button', { name: 'Réactiver Marie Curie' })
    expect(calls).toEqual(['POST /admin/users/u2/deactivate'])
    expect((await row('Marie Curie')).textContent).toContain('inactif')
    await screen.findByText('« Marie Curie » désactivé.')

    fireEvent.click(reactivate)
    await screen.findByRole('button', { name: 'Désactiver Marie Curie' })
    expect(calls).toEqual(['POST /admin/users/u2/deactivate', 'POST /admin/users/u2/activate'])
  })

  it('shows the server’s refusal and leaves the user active', async () => {
    overrides['POST /admin/users/u2/deactivate'] = {
      status: 409,
      body: {
        status: 409,
        code: 'last-admin',
        detail: 'L’espace doit garder au moins un administrateur actif.',
      },
    }
    openSettings('users')
    fireEvent.click(within(await row('Marie Curie')).getByRole('button', { name: 'Désactiver Marie Curie' }))
    const dialog = await screen.findByRole('dialog')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Désactiver' }))
    await screen.findByText('L’espace doit garder au moins un administrateur actif.')
    expect(screen.getByText('L’opération a échoué.')).toBeTruthy()
    expect(
      within(await row('Marie Curie')).getByRole('button', { name: 'Désactiver Marie Curie' }),
    ).toBeTruthy()
  })

  it('resends an invitation only to invited users, and shows why it could not be sent', async () => {
    openSettings('users')
    await row('Pierre Curie')
    expect(screen.getAllByRole('button', { name: /^Renvoyer l’invitation/ })).toHaveLength(1)
    fireEvent.click(screen.getByRole('button', { name: 'Renvoyer l’invitation à Pierre Curie' }))
    await screen.findByText('Invitation envoyée à u3@exemple.fr.')

    overrides['POST /admin/users/u3/invite'] = {
      status: 503,
      body: { status: 503, title: 'Service Unavailable', detail: 'Aucun serveur d’envoi n’est configuré.' },
    }
    fireEvent.click(screen.getByRole('button', { name: 'Renvoyer l’invitation à Pierre Curie' }))
    await screen.findByText('Aucun serveur d’envoi n’est configuré.')
    expect(calls).toEqual(['POST /admin/users/u3/invite', 'POST /admin/users/u3/invite'])
  })
})

describe('teams settings', () => {
  it('applies only the difference of the members dialog and shows the new count', async () => {
    openSettings('teams')
    const ventes = await row('Ventes')
    expect(within(ventes).getByRole('cell', { name: '1' })).toBeTruthy()
    fireEvent.click(within(ventes).getByRole('button', { name: 'Membres de Ventes' }))
    const dialog = await screen.findByRole('dialog', { name: 'Membres de Ventes' })
    const box = async (name: RegExp) =>
      (await within(dialog).findByRole('checkbox', { name })) as HTMLInputElement
    expect((await box(/^Ana/)).checked).toBe(true)
    expect((await box(/^Marie Curie/)).checked).toBe(false)
    fireEvent.click(await box(/^Marie Curie/))
    fireEvent.click(await box(/^Pierre Curie/))
    fireEvent.click(await box(/^Ana/))
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer' }))

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(calls).toEqual([
      'POST /admin/teams/t1/members {"userId":"u2"}',
      'POST /admin/teams/t1/members {"userId":"u3"}',
      'DELETE /admin/teams/t1/members/u1',
    ])
    await waitFor(async () =>
      expect(within(await row('Ventes')).getByRole('cell', { name: '2' })).toBeTruthy(),
    )
  })
})
