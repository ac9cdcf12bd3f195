/**
 * What `GET /api/v1/bootstrap` sends the web app: the merged, per-tenant, per-user metadata.
 * Contributions of disabled plugins and fields hidden from the user are already removed.
 * @module
 */
import type { FieldDef, FieldType } from '../entity/fields'
import type { FieldRule, Locale, NavGroup, Scope } from '../plugin/define-plugin'

export interface FieldMeta {
  name: string
  type: FieldType
  /** i18n key of the label. For custom fields, the label itself in `labels`. */
  label: string
  labels?: Partial<Record<Locale, string>>
  required: boolean
  unique: boolean
  readOnly: boolean
  hidden: boolean
  searchable: boolean
  /** Operators the list filter accepts. */
  operators: string[]
  options?: { value: string; label: string }[]
  /** belongsTo: target entity ref. */
  target?: string
  targets?: readonly string[]
  maxLength?: number
  precision?: number
  scale?: number
  min?: number
  max?: number
  /** `custom` for tenant custom fields (under the record's `custom`), `ext` for another plugin's addition. */
  origin: 'entity' | 'custom' | 'ext'
  plugin: string
  rule?: FieldRule
  resultType?: string
  accept?: readonly string[]
  maxSize?: number
  /** The value a new record starts with (a select's default option). */
  default?: unknown
}

export interface EntityMeta {
  ref: string
  plugin: string
  name: string
  label: string
  labelPlural: string
  icon?: string
  title: readonly string[]
  ownership: 'owner' | 'none'
  fields: Record<string, FieldMeta>
  list: { columns: string[]; sort: string }
  detail: { sections: { id: string; label: string; fields: string[] }[] }
  relatedLists: {
    id: string
    entity: string
    via: string
    label: string
    columns?: string[]
    sort?: string
    plugin: string
  }[]
  panels: { slot: string; component: string; position?: number; plugin: string }[]
  actions: {
    id: string
    label: string
    permission: string
    confirm?: boolean
    component?: string
    visibleWhen?: unknown
    plugin: string
  }[]
  links: { kind: string; target: string; roleOptions?: readonly string[] }[]
  search: string[]
  numbering?: { field: string }
  /** Actions allowed to this user on this entity, with their scope. */
  can: Record<string, Scope>
}

export interface NavEntry {
  id: string
  plugin: string
  label: string
  entity?: string
  page?: string
  icon?: string
}

export interface Bootstrap {
  user: { id: string; email: string; name: string; isAdmin: boolean; locale: Locale }
  tenant: { id: string; slug: string; name: string; plan: string }
  locale: Locale
  plugins: { id: string; version: string }[]
  navigation: { group: NavGroup; label: string; items: NavEntry[] }[]
  entities: Record<string, EntityMeta>
  /** Effective scope of every permission key of the enabled plugins. */
  permissions: Record<string, Scope>
  /** Messages of core and the enabled plugins in the user's language, keys `<plugin>:<key>`. */
  messages: Record<string, string>
  currency: string
}

export type { FieldDef }
