/**
 * `definePlugin`: a plugin's manifest, pure data importable from the server, the web app, the CLI and tests.
 * @module
 */
import type { EntityDef, EntityExtension } from '../entity/define-entity'
import { tableName } from '../entity/naming'

export type Scope = 'all' | 'team' | 'own' | 'none'
export type FieldRule = 'hidden' | 'readOnly'
export type Locale = 'fr' | 'en'
export type Messages = Record<string, string>

/** Built-in role templates a plugin can fill; applied when a tenant enables the plugin. */
export type RoleTemplateId = 'admin' | 'sales-manager' | 'sales-rep' | 'read-only'

export interface RoleTemplate {
  grants: Record<string, Scope>
  fields?: Record<string, FieldRule>
}

/** Sidebar groups, in display order. */
export const NAV_GROUPS = [
  'personal',
  'sales',
  'management',
  'analysis',
  'catalogue',
  'support',
  'tools',
] as const
export type NavGroup = (typeof NAV_GROUPS)[number]

export interface NavItem {
  id: string
  group: NavGroup
  /** An entity name of this plugin (list page) or a page id contributed by its web part. */
  entity?: string
  page?: string
  icon?: string
  position?: number
}

export interface PermissionDef {
  key: string
}

export interface PluginInput<Id extends string = string> {
  id: Id
  version: string
  /** Semver range of `@comptoir/core` this plugin works with. */
  core: string
  dependsOn?: Record<string, string>
  entities?: EntityDef[]
  extends?: EntityExtension[]
  /** Extra permission keys beyond the generated CRUD keys (e.g. `leads.lead.convert`). */
  permissions?: PermissionDef[]
  /** Plan-gateable sub-features (`invoices.recurring`). The plugin id itself is always a feature. */
  features?: string[]
  i18n: Record<Locale, Messages>
  navigation?: NavItem[]
  roleTemplates?: Partial<Record<RoleTemplateId, RoleTemplate>>
}

export interface PluginManifest<Id extends string = string> extends PluginInput<Id> {
  readonly $$type: '@comptoir/Plugin'
  readonly apiVersion: 1
  entities: EntityDef[]
  extends: EntityExtension[]
  permissions: PermissionDef[]
  features: string[]
  dependsOn: Record<string, string>
  navigation: NavItem[]
  entity(name: string): EntityDef
}

/**
 * Declares a plugin. Entities are stamped with the plugin id, which fixes their refs
 * (`<id>.<entity>`) and tables (`<id>_<entity>`).
 * @example
 * export default definePlugin({ id: 'contacts', version, core: '^0.1.0', entities: [contact], i18n: { fr, en } })
 */
export function definePlugin<const Id extends string>(input: PluginInput<Id>): PluginManifest<Id> {
  const entities = (input.entities ?? []).map((e) => ({
    ...e,
    plugin: input.id,
    ref: `${input.id}.${e.name}`,
    table: tableName(input.id, e.name),
  }))
  return {
    ...input,
    $$type: '@comptoir/Plugin',
    apiVersion: 1,
    entities,
    extends: input.extends ?? [],
    permissions: input.permissions ?? [],
    features: input.features ?? [],
    dependsOn: input.dependsOn ?? {},
    navigation:
      input.navigation ??
      entities
        .filter((e) => e.tab !== false)
        .map((e) => ({ id: e.name, group: 'tools' as NavGroup, entity: e.name })),
    entity(name: string) {
      const e = entities.find((x) => x.name === name)
      if (!e) throw new Error(`Plugin ${input.id} has no entity ${name}`)
      return e
    },
  }
}

export function isPluginManifest(x: unknown): x is PluginManifest {
  return typeof x === 'object' && x !== null && (x as PluginManifest).$$type === '@comptoir/Plugin'
}
