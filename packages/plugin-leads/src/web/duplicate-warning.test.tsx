import { App, type Bootstrap, type FieldMeta } from '@comptoir/core/web'
import { toaster } from '@kobalte/core/toast'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import fr from '../i18n/fr.json'
import { duplicatesQuery } from './duplicate-warning'

function field(name: string, type: FieldMeta['type'], extra: Partial<FieldMeta> = {}): FieldMeta {
  return {
    name,
    type,
    label: `leads:field.lead.${name}`,
    required: false,
    unique: false,
    readOnly: false,
    hidden: false,
    searchable: false,
    operators: ['eq', 'ne', 'isNull'],
    origin: 'entity',
    plugin: 'leads',
    ...extra,
  }
}

const bootstrap: Bootstrap = {
  user: { id: 'u1', email: 'ana@example.fr', name: 'Ana', isAdmin: true, locale: 'fr' },
  tenant: { id: 't1', slug: 'demo', name: 'Démo', plan: 'pro' },
  locale: 'fr',
  plugins: [{ id: 'leads', version: '0.1.0' }],
  navigation: [],
  entities: {
    'leads.lead': {
      ref: 'leads.lead',
      plugin: 'leads',
      name: 'lead',
      label: 'leads:entity.lead.one',
      labelPlural: 'leads:entity.lead.many',
      title: ['firstName', 'lastName'],
      ownership: 'owner',
      fields: {
        firstName: field('firstName', 'text'),
        lastName: field('lastName', 'text', { required: true }),
        company: field('company', 'text', { required: true }),
        email: field('email', 'email'),
        status: field('status', 'select', {
          options: [{ value: 'converted', label: 'leads:option.lead.status.converted' }],
        }),
      },
      list: { columns: ['lastName', 'company'], sort: 'lastName' },
      detail: {
        sections: [
          {
            id: 'general',
            label: 'leads:section.lead.general',
            fields: ['firstName', 'lastName', 'company', 'email', 'status'],
          },
        ],
      },
      relatedLists: [],
      panels: [],
      actions: [],
      links: [],
      search: ['lastName'],
      can: { read: 'all', create: 'all', update: 'all', delete: 'all' },
    },
  },
  permissions: {},
  messages: Object.fromEntries(Object.entries(fr).map(([k, v]) => [`leads:${k}`, v])),
  currency: 'EUR',
}

const NO_MATCH = { leads: [], contacts: [], accounts: [] }
const MATCHES = {
  leads: [{ id: 'l9', title: 'Jean Dupont', matchedOn: ['name', 'company'] }],
  contacts: [],
  accounts: [{ id: 'a3', title: 'Plâtrerie Dupont', matchedOn: ['company'] }],
}

let duplicates: unknown
let records: Record<string, Record<string, unknown>>
/** Requests the server received, as `METHOD /path`. */
let calls: string[]

function answer(method: string, path: string, body: any): { status: number; body?: unknown } {
  if (path === '/bootstrap') return { status: 200, body: bootstrap }
  if (path.startsWith('/p/leads/duplicates')) return { status: 200, body: duplicates }
  if (method === 'POST' && path === '/records/leads.lead') {
    const lead = {
      ...body,
      id: 'l1',
      version: 1,
      status: 'not_contacted',
      _title: `${body.firstName} ${body.lastName}`,
    }
    records.l1 = lead
    return { status: 201, body: lead }
  }
  const one = /^\/records\/leads\.lead\/(\w+)$/.exec(path)
  if (one && records[one[1]]) return { status: 200, body: records[one[1]] }
  if (/\/history$/.test(path)) return { status: 200, body: { data: [] } }
  return { status: 200, body: { data: [] } }
}

function fakeServer(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const method = init?.method ?? 'GET'
  const path = String(input).replace(/^\/api\/v1/, '')
  const body = init?.body ? JSON.parse(String(init.body)) : undefined
  calls.push(`${method} ${path}`)
  const a = answer(method, path, body)
  return Promise.resolve(
    new Response(a.body === undefined ? null : JSON.stringify(a.body), {
      status: a.status,
      headers: { 'content-type': 'application/json' },
    }),
  )
}

function open(path: string) {
  window.history.pushState({}, '', path)
  render(() => <App locale="fr" plugins={{ leads: () => import('./index') }} />)
}

async function fillAndCreate() {
  open('/m/leads/lead/new')
  const first = await screen.findByLabelText('Prénom', {}, { timeout: 10_000 })
  fireEvent.input(first, { target: { value: 'Jean' } })
  fireEvent.input(screen.getByLabelText(/^Nom/), { target: { value: 'Dupond' } })
  fireEvent.input(screen.getByLabelText(/^Société/), { target: { value: 'Plâtrerie Dupond' } })
  fireEvent.click(screen.getByRole('button', { name: 'Créer' }))
}

const posted = () => calls.filter((c) => c.startsWith('POST'))

beforeEach(() => {
  duplicates = NO_MATCH
  records = {}
  calls = []
  vi.stubGlobal('fetch', vi.fn(fakeServer))
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  toaster.clear()
})

describe('duplicate warning on a new lead', () => {
  it('lists the look-alikes with links, and creates the lead anyway when asked', async () => {
    duplicates = MATCHES
    await fillAndCreate()
    const dialog = await screen.findByRole('dialog', { name: 'Doublons possibles' }, { timeout: 10_000 })
    expect(calls).toContain(
      'GET /p/leads/duplicates?company=Pl%C3%A2trerie+Dupond&firstName=Jean&lastName=Dupond',
    )
    const lead = within(dialog).getByRole('link', { name: 'Jean Dupont' })
    expect(lead.getAttribute('href')).toBe('/m/leads/lead/l9')
    expect(within(dialog).getByRole('link', { name: 'Plâtrerie Dupont' }).getAttribute('href')).toBe(
      '/m/accounts/account/a3',
    )
    expect(dialog.textContent).toContain('même nom ou nom proche, société ou société proche')
    expect(posted()).toEqual([])

    fireEvent.click(within(dialog).getByRole('button', { name: 'Créer quand même' }))
    await waitFor(() => expect(posted()).toEqual(['POST /records/leads.lead']), { timeout: 10_000 })
    await waitFor(() => expect(window.location.pathname).toBe('/m/leads/lead/l1'), { timeout: 10_000 })
  })

  it('goes back to the form, values kept, when the user cancels', async () => {
    duplicates = MATCHES
    await fillAndCreate()
    const dialog = await screen.findByRole('dialog', { name: 'Doublons possibles' }, { timeout: 10_000 })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revenir au formulaire' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), { timeout: 10_000 })
    expect(posted()).toEqual([])
    expect((screen.getByLabelText(/^Nom/) as HTMLInputElement).value).toBe('Dupond')
    expect(window.location.pathname).toBe('/m/leads/lead/new')
  })

  it('saves straight away when nothing looks alike', async () => {
    await fillAndCreate()
    await waitFor(() => expect(posted()).toEqual(['POST /records/leads.lead']), { timeout: 10_000 })
    expect(screen.queryByRole('dialog', { name: 'Doublons possibles' })).toBeNull()
  })

  it('hides Edit on a converted lead, not on another one', async () => {
    records.c1 = {
      id: 'c1',
      _title: 'Jean Dupont',
      version: 2,
      firstName: 'Jean',
      lastName: 'Dupont',
      company: 'X',
      status: 'converted',
    }
    records.o1 = {
      id: 'o1',
      _title: 'Anne Roy',
      version: 1,
      firstName: 'Anne',
      lastName: 'Roy',
      company: 'Y',
      status: 'qualified',
    }
    open('/m/leads/lead/o1')
    await screen.findByRole('link', { name: 'Modifier' }, { timeout: 10_000 })
    cleanup()
    open('/m/leads/lead/c1')
    await screen.findByRole('heading', { name: 'Jean Dupont' }, { timeout: 10_000 })
    await screen.findByText('Société', {}, { timeout: 10_000 })
    expect(screen.queryByRole('link', { name: 'Modifier' })).toBeNull()
  })
})

describe('duplicatesQuery', () => {
  it('sends only the criteria typed, trimmed', () => {
    expect(duplicatesQuery({ email: ' a@b.fr ', phone: '', lastName: 'Roy', title: 'Gérant' })).toBe(
      'email=a%40b.fr&lastName=Roy',
    )
  })
})
