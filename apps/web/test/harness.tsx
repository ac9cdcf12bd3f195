/**
 * Renders a component inside what the shell gives every page: French i18n and a session built from a small
 * bootstrap (accounts and contacts), without a server.
 * @module
 */
import {
  type Bootstrap,
  createPluginRuntime,
  createSession,
  type FieldMeta,
  I18nProvider,
  SessionContext,
} from '@comptoir/core/web'
import { render } from '@solidjs/testing-library'
import type { JSX } from 'solid-js'

export function field(name: string, type: FieldMeta['type'], extra: Partial<FieldMeta> = {}): FieldMeta {
  return {
    name,
    type,
    label: `accounts:field.account.${name}`,
    required: false,
    unique: false,
    readOnly: false,
    hidden: false,
    searchable: false,
    operators: ['eq', 'ne', 'in', 'isNull'],
    origin: 'entity',
    plugin: 'accounts',
    ...extra,
  }
}

export const fields = {
  name: field('name', 'text', {
    required: true,
    operators: ['eq', 'ne', 'in', 'isNull', 'contains', 'startsWith'],
  }),
  type: field('type', 'select', {
    options: [
      { value: 'customer', label: 'accounts:option.account.type.customer' },
      { value: 'prospect', label: 'accounts:option.account.type.prospect' },
    ],
  }),
  annualRevenue: field('annualRevenue', 'money', {
    operators: ['eq', 'ne', 'in', 'isNull', 'lt', 'lte', 'gt', 'gte', 'between'],
  }),
  parentAccount: field('parentAccount', 'belongsTo', { target: 'accounts.account' }),
}

export const bootstrap: Bootstrap = {
  user: { id: 'u1', email: 'ana@example.fr', name: 'Ana', isAdmin: true, locale: 'fr' },
  tenant: { id: 't1', slug: 'demo', name: 'Démo', plan: 'pro' },
  locale: 'fr',
  plugins: [{ id: 'accounts', version: '0.1.0' }],
  navigation: [],
  entities: {
    'accounts.account': {
      ref: 'accounts.account',
      plugin: 'accounts',
      name: 'account',
      label: 'accounts:entity.account.one',
      labelPlural: 'accounts:entity.account.many',
      title: ['name'],
      ownership: 'owner',
      fields,
      list: { columns: ['name', 'type', 'annualRevenue'], sort: 'name' },
      detail: {
        sections: [{ id: 'general', label: 'accounts:section.account.general', fields: ['name', 'type'] }],
      },
      relatedLists: [],
      panels: [],
      actions: [],
      links: [],
      search: ['name'],
      can: { read: 'all', create: 'all', update: 'all', delete: 'all' },
    },
  },
  permissions: {},
  messages: {
    'accounts:entity.account.one': 'Compte',
    'accounts:entity.account.many': 'Comptes',
    'accounts:field.account.name': 'Nom du compte',
    'accounts:field.account.type': 'Type',
    'accounts:field.account.annualRevenue': 'Chiffre d’affaires',
    'accounts:field.account.parentAccount': 'Compte parent',
    'accounts:option.account.type.customer': 'Client',
    'accounts:option.account.type.prospect': 'Prospect',
  },
  currency: 'EUR',
}

export function renderWithSession(ui: () => JSX.Element): void {
  render(() => {
    const session = createSession({
      bootstrap: () => bootstrap,
      runtime: () => createPluginRuntime([]),
      reload: async () => undefined,
      logout: async () => undefined,
    })
    return (
      <I18nProvider locale="fr">
        <SessionContext.Provider value={session}>{ui()}</SessionContext.Provider>
      </I18nProvider>
    )
  })
}
