import {
  type Bootstrap,
  createPluginRuntime,
  createSession,
  I18nProvider,
  SessionContext,
} from '@comptoir/core/web'
import { cleanup, render, screen, within } from '@solidjs/testing-library'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import fr from '../i18n/fr.json'
import HierarchyPanel, { type Hierarchy } from './hierarchy-panel'

const bootstrap = {
  user: { id: 'u1', email: 'ana@example.fr', name: 'Ana', isAdmin: true, locale: 'fr' },
  tenant: { id: 't1', slug: 'demo', name: 'Démo', plan: 'pro' },
  locale: 'fr',
  plugins: [{ id: 'accounts', version: '0.1.0' }],
  navigation: [],
  entities: {},
  permissions: {},
  messages: Object.fromEntries(Object.entries(fr).map(([k, v]) => [`accounts:${k}`, v])),
  currency: 'EUR',
} as unknown as Bootstrap

let answer: { status: number; body: unknown }
let asked: string[]

function show(id: string) {
  render(() => {
    const session = createSession({
      bootstrap: () => bootstrap,
      runtime: () => createPluginRuntime([]),
      reload: async () => undefined,
      logout: async () => undefined,
    })
    return (
      <I18nProvider locale="fr">
        <SessionContext.Provider value={session}>
          <HierarchyPanel entity="accounts.account" record={{ id }} />
        </SessionContext.Provider>
      </I18nProvider>
    )
  })
}

const group: Hierarchy = {
  root: 'g',
  focus: 'o',
  truncated: false,
  nodes: [
    { id: 'g', parent: null, depth: 0, title: 'Groupe Delmas', city: 'Lyon' },
    { id: 'f', parent: 'g', depth: 1, title: 'Delmas France' },
    { id: 'b', parent: 'g', depth: 1, title: 'Delmas Benelux' },
    { id: 'o', parent: 'f', depth: 2, title: 'Delmas Ouest' },
    { id: 'n', parent: 'o', depth: 3, title: 'Delmas Nantes' },
  ],
}

beforeEach(() => {
  asked = []
  vi.stubGlobal(
    'fetch',
    vi.fn((input: RequestInfo | URL) => {
      asked.push(String(input))
      return Promise.resolve(
        new Response(JSON.stringify(answer.body), {
          status: answer.status,
          headers: { 'content-type': 'application/json' },
        }),
      )
    }),
  )
})
afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

/** The tree as indented lines: two spaces per level. */
function lines(list: HTMLElement, depth = 0): string[] {
  return [...list.children].flatMap((li) => {
    const own = [...li.childNodes]
      .filter((n) => (n as HTMLElement).tagName !== 'UL')
      .map((n) => n.textContent)
      .join('')
    const sub = li.querySelector(':scope > ul') as HTMLElement | null
    return [`${'  '.repeat(depth)}${own}`, ...(sub ? lines(sub, depth + 1) : [])]
  })
}

describe('group panel', () => {
  it('shows the head company and every subsidiary, the account itself marked, the others as links', async () => {
    answer = { status: 200, body: group }
    show('o')
    const panel = await screen.findByRole('region', { name: 'Groupe' })
    await within(panel).findByRole('link', { name: 'Groupe Delmas' }, { timeout: 10_000 })
    expect(asked).toEqual(['/api/v1/p/accounts/hierarchy/o'])
    expect(lines(panel.querySelector('ul.tree') as HTMLElement)).toEqual([
      'Groupe Delmas · Lyon',
      '  Delmas Benelux',
      '  Delmas France',
      '    Delmas Ouest',
      '      Delmas Nantes',
    ])
    expect(within(panel).getByRole('link', { name: 'Delmas Nantes' }).getAttribute('href')).toBe(
      '/m/accounts/account/n',
    )
    expect(within(panel).queryByRole('link', { name: 'Delmas Ouest' })).toBeNull()
    expect(panel.querySelector('[aria-current="page"]')?.textContent).toBe('Delmas Ouest')
  })

  it('names no account the user may not read', async () => {
    answer = {
      status: 200,
      body: {
        root: 'h',
        focus: 'm',
        truncated: false,
        nodes: [
          { id: 'h', parent: null, depth: 0, restricted: true },
          { id: 'm', parent: 'h', depth: 1, title: 'Filiale du commercial' },
        ],
      },
    }
    show('m')
    const panel = await screen.findByRole('region', { name: 'Groupe' })
    await within(panel).findByText('Compte non accessible', {}, { timeout: 10_000 })
    expect(within(panel).queryAllByRole('link')).toEqual([])
  })

  it('says so when the account has neither parent nor subsidiary', async () => {
    answer = {
      status: 200,
      body: {
        root: 'a',
        focus: 'a',
        truncated: false,
        nodes: [{ id: 'a', parent: null, depth: 0, title: 'Seule SARL' }],
      },
    }
    show('a')
    await screen.findByText('Ni maison mère ni filiale.', {}, { timeout: 10_000 })
  })
})
