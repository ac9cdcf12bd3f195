/**
 * `defineEntity` declares a record type: its fields, display title, search, list and detail layout.
 * The owning plugin stamps it with its id (`definePlugin`), which fixes its ref and table name.
 * @module
 */
import type { FieldError } from '../errors'
import type { FieldDef } from './fields'

/** A record as the API exchanges it (camelCase keys). */
export type RecordData = Record<string, any>

export interface EntityActionDef {
  id: string
  /** Permission key; defaults to `<ref>.<id>`. */
  permission?: string
  /** Ask for confirmation in the UI. */
  confirm?: boolean
  /** Shown only when the record matches, e.g. `{ field: 'status', notIn: ['converted'] }`. */
  visibleWhen?: { field: string; in?: readonly unknown[]; notIn?: readonly unknown[] }
  /** Web component id that renders the action's dialog; without one the action runs directly. */
  component?: string
}

export interface RelatedListDef {
  id: string
  /** Entity ref of the listed records. */
  entity: string
  /** The `belongsTo` field of `entity` that points here (or `link:<kind>` for many-to-many links). */
  via: string
  columns?: string[]
  sort?: string
  position?: number
  /** Plugin that contributed it (set by the registry). */
  plugin?: string
}

export interface PanelDef {
  slot: string
  component: string
  position?: number
  plugin?: string
}

export interface LinkDef {
  /** Link kind, unique on the entity: `accounts` on contacts (a contact's other accounts). */
  kind: string
  target: string
  /** Extra attribute stored on the link, e.g. a role. */
  roleOptions?: readonly string[]
}

export interface EntityValidateContext {
  /** `create` or `update`; on update `record` is the merged result. */
  op: 'create' | 'update'
  before?: RecordData
}

export interface EntityInput {
  name: string
  fields: Record<string, FieldDef>
  /** Fields joined with a space to form the record's display title. */
  title: readonly string[]
  icon?: string
  /** Fields searched by `q=`; defaults to the fields marked `searchable`. */
  search?: readonly string[]
  list?: { columns: readonly string[]; sort?: string }
  detail?: { sections: readonly { id: string; fields: readonly string[] }[] }
  /** `owner` (default) enables own/team scopes; `none` for shared reference data. */
  ownership?: 'owner' | 'none'
  /** Automatic number, allocated from the tenant's gapless sequence on create. */
  numbering?: { field: string; prefix: string; padding?: number; yearly?: boolean }
  /** Rules across fields; runs after field validation, before hooks. */
  validate?: (record: RecordData, ctx: EntityValidateContext) => FieldError[] | undefined
  /** Appears in navigation (default true). */
  tab?: boolean
  actions?: readonly EntityActionDef[]
  links?: readonly LinkDef[]
  relatedLists?: readonly RelatedListDef[]
  panels?: readonly PanelDef[]
  /** Import may match on these fields for update/upsert (unique fields always qualify). */
  importKeys?: readonly string[]
}

export interface EntityDef extends EntityInput {
  readonly $$type: '@comptoir/Entity'
  /** Set by `definePlugin`. */
  plugin: string
  ref: string
  table: string
}

/**
 * Declares an entity.
 * @example
 * export const contact = defineEntity({
 *   name: 'contact',
 *   title: ['firstName', 'lastName'],
 *   fields: { firstName: f.text(), lastName: f.text({ required: true, searchable: true }) },
 * })
 */
export function defineEntity(input: EntityInput): EntityDef {
  return { ...input, $$type: '@comptoir/Entity', plugin: '', ref: '', table: '' }
}

/** Extra contributions to another plugin's entity: additive only. */
export interface EntityExtension {
  readonly $$type: '@comptoir/EntityExtension'
  target: string
  /** Stored namespaced in the target's `custom` jsonb (`<plugin>.<field>`). */
  fields?: Record<string, FieldDef>
  relatedLists?: readonly RelatedListDef[]
  panels?: readonly PanelDef[]
  actions?: readonly EntityActionDef[]
  listColumns?: readonly string[]
}

export function extendEntity(
  target: string,
  ext: Omit<EntityExtension, '$$type' | 'target'>,
): EntityExtension {
  return { ...ext, $$type: '@comptoir/EntityExtension', target }
}
