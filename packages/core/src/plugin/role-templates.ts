/**
 * Grants of the built-in role templates for this plugin's entities: every CRUD key and every action,
 * with the scope each template gets.
 * @module
 */
import type { RoleTemplate, RoleTemplateId, Scope } from './define-plugin'

const CRUD = ['read', 'create', 'update', 'delete', 'restore', 'purge', 'import', 'export'] as const

type Template = Record<(typeof CRUD)[number] | 'action', Scope>

/** Scopes per template for owned records; sales reps see their team's records and change their own. */
const OWNED: Record<RoleTemplateId, Template> = {
  admin: {
    read: 'all',
    create: 'all',
    update: 'all',
    delete: 'all',
    restore: 'all',
    purge: 'all',
    import: 'all',
    export: 'all',
    action: 'all',
  },
  'sales-manager': {
    read: 'all',
    create: 'all',
    update: 'all',
    delete: 'all',
    restore: 'all',
    purge: 'team',
    import: 'all',
    export: 'all',
    action: 'all',
  },
  'sales-rep': {
    read: 'team',
    create: 'own',
    update: 'own',
    delete: 'own',
    restore: 'own',
    purge: 'none',
    import: 'none',
    export: 'own',
    action: 'own',
  },
  'read-only': {
    read: 'all',
    create: 'none',
    update: 'none',
    delete: 'none',
    restore: 'none',
    purge: 'none',
    import: 'none',
    export: 'none',
    action: 'none',
  },
}

/** Scopes per template for shared reference data (entities with `ownership: 'none'`). */
const SHARED: Record<RoleTemplateId, Template> = {
  ...OWNED,
  'sales-rep': { ...OWNED['read-only'], read: 'all' },
}

export interface GrantedEntity {
  ref: string
  /** Permission keys of the entity's actions. */
  actions?: readonly string[]
  shared?: boolean
}

export function roleTemplates(entities: readonly GrantedEntity[]): Record<RoleTemplateId, RoleTemplate> {
  const ids = Object.keys(OWNED) as RoleTemplateId[]
  const out = Object.fromEntries(ids.map((id) => [id, { grants: {} as Record<string, Scope> }])) as Record<
    RoleTemplateId,
    RoleTemplate
  >
  for (const e of entities) {
    for (const id of ids) {
      const scopes = (e.shared ? SHARED : OWNED)[id]
      for (const a of CRUD) out[id].grants[`${e.ref}.${a}`] = scopes[a]
      for (const key of e.actions ?? []) out[id].grants[key] = scopes.action
    }
  }
  return out
}
