/**
 * The registry: every installed plugin's contributions merged in dependency order (ties by id).
 * Built once at start-up; per-tenant views (enabled plugins only) are filtered from it.
 * @module
 */
import type { EntityActionDef, EntityDef, PanelDef, RelatedListDef } from '../entity/define-entity'
import type { BelongsToField, FieldDef } from '../entity/fields'
import type { Locale, Messages } from './define-plugin'
import type { PdfTemplateDef } from '../pdf/templates'
import type { ActionHandler, EventSubscriber, FilterHook, ServerPlugin } from './server-plugin'

export interface ExtensionField {
  plugin: string
  /** Key inside the record's `custom` jsonb: `<plugin>.<field>`. */
  key: string
  field: FieldDef
}

export interface InverseRelation {
  entity: string
  field: string
  plugin: string
  onDelete: BelongsToField['onDelete']
}

/** A `parent` field of some entity that may point at this one (`onDelete` as declared on the field). */
export interface ParentRelation {
  entity: string
  field: string
  plugin: string
  onDelete: BelongsToField['onDelete']
}

export interface ResolvedEntity extends EntityDef {
  extFields: Record<string, ExtensionField>
  relatedLists: (RelatedListDef & { plugin: string })[]
  panels: (PanelDef & { plugin: string })[]
  actions: (EntityActionDef & { plugin: string; permission: string })[]
  /** `belongsTo` fields of other entities that point here. */
  inverse: InverseRelation[]
  /** `parent` fields of any entity that may point here. */
  parentInverse: ParentRelation[]
  listColumns: string[]
}

export interface RegisteredAction {
  plugin: string
  entity: string
  def: EntityActionDef & { permission: string }
  handler: ActionHandler
}

export interface Registry {
  readonly coreVersion: string
  /** Topological order: dependencies first, ties by id. */
  readonly plugins: ServerPlugin[]
  readonly entities: Map<string, ResolvedEntity>
  readonly permissions: Set<string>
  readonly messages: Record<Locale, Messages>
  readonly hooks: Map<string, FilterHook[]>
  readonly actions: Map<string, RegisteredAction>
  readonly subscribers: Map<string, EventSubscriber[]>
  /** PDF templates by id, with the plugin that contributed them. */
  readonly pdfTemplates: Map<string, { plugin: string; def: PdfTemplateDef }>
  plugin(id: string): ServerPlugin | undefined
  /** The plugin and its `dependsOn`, transitively. */
  closure(id: string): string[]
  /** Installed plugins that depend on `id`, directly or not. */
  dependents(id: string): string[]
}

/** Permission keys generated for every entity. */
export const CRUD_ACTIONS = [
  'read',
  'create',
  'update',
  'delete',
  'restore',
  'purge',
  'import',
  'export',
] as const
export type CrudAction = (typeof CRUD_ACTIONS)[number]

export function buildRegistry(coreVersion: string, ordered: ServerPlugin[]): Registry {
  const byId = new Map(ordered.map((p) => [p.manifest.id, p]))
  const entities = new Map<string, ResolvedEntity>()
  const permissions = new Set<string>()
  const messages: Record<Locale, Messages> = { fr: {}, en: {} }
  const hooks = new Map<string, FilterHook[]>()
  const actions = new Map<string, RegisteredAction>()
  const subscribers = new Map<string, EventSubscriber[]>()
  const pdfTemplates = new Map<string, { plugin: string; def: PdfTemplateDef }>()

  for (const p of ordered) {
    const m = p.manifest
    for (const e of m.entities) {
      entities.set(e.ref, {
        ...e,
        extFields: {},
        relatedLists: (e.relatedLists ?? []).map((r) => ({ ...r, plugin: m.id })),
        panels: (e.panels ?? []).map((x) => ({ ...x, plugin: m.id })),
        actions: (e.actions ?? []).map((a) => ({
          ...a,
          plugin: m.id,
          permission: a.permission ?? `${e.ref}.${a.id}`,
        })),
        inverse: [],
        parentInverse: [],
        listColumns: [...(e.list?.columns ?? e.title)],
      })
      for (const a of CRUD_ACTIONS) permissions.add(`${e.ref}.${a}`)
    }
    for (const perm of m.permissions) permissions.add(perm.key)
    for (const loc of ['fr', 'en'] as const) {
      for (const [k, v] of Object.entries(m.i18n[loc] ?? {})) messages[loc][`${m.id}:${k}`] = v
    }
  }
  for (const p of ordered) {
    const m = p.manifest
    for (const x of m.extends) {
      const target = entities.get(x.target)!
      for (const [name, field] of Object.entries(x.fields ?? {})) {
        target.extFields[name] = { plugin: m.id, key: `${m.id}.${name}`, field }
      }
      target.relatedLists.push(...(x.relatedLists ?? []).map((r) => ({ ...r, plugin: m.id })))
      target.panels.push(...(x.panels ?? []).map((r) => ({ ...r, plugin: m.id })))
      target.actions.push(
        ...(x.actions ?? []).map((a) => ({
          ...a,
          plugin: m.id,
          permission: a.permission ?? `${x.target}.${a.id}`,
        })),
      )
      target.listColumns.push(...(x.listColumns ?? []))
    }
    for (const e of m.entities) {
      for (const [fname, field] of Object.entries(e.fields)) {
        if (field.type !== 'belongsTo') continue
        const target = entities.get(field.target)!
        target.inverse.push({ entity: e.ref, field: fname, plugin: m.id, onDelete: field.onDelete })
        if (field.relatedList) {
          target.relatedLists.push({ id: `${e.ref}.${fname}`, entity: e.ref, via: fname, plugin: m.id })
        }
      }
      for (const [fname, field] of Object.entries(e.fields)) {
        if (field.type !== 'parent') continue
        const targets = field.targets.length ? field.targets : [...entities.keys()]
        for (const ref of targets) {
          const target = entities.get(ref)
          if (!target) continue
          target.parentInverse.push({ entity: e.ref, field: fname, plugin: m.id, onDelete: field.onDelete })
          if (field.relatedList)
            target.relatedLists.push({ id: `${e.ref}.${fname}`, entity: e.ref, via: fname, plugin: m.id })
        }
      }
      for (const link of e.links ?? []) {
        const target = entities.get(link.target)!
        entities.get(e.ref)!.relatedLists.push({
          id: `link.${link.kind}`,
          entity: link.target,
          via: `link:${link.kind}`,
          plugin: m.id,
        })
        target.relatedLists.push({
          id: `link.${link.kind}.inverse`,
          entity: e.ref,
          via: `link:${link.kind}:inverse`,
          plugin: m.id,
        })
      }
    }
    for (const tpl of p.pdfTemplates ?? []) pdfTemplates.set(tpl.id, { plugin: m.id, def: tpl })
    for (const [key, h] of Object.entries(p.hooks ?? {})) hooks.set(key, [...(hooks.get(key) ?? []), h])
    for (const [key, s] of Object.entries(p.subscribers ?? {}))
      subscribers.set(key, [...(subscribers.get(key) ?? []), s])
    for (const [key, handler] of Object.entries(p.actions ?? {})) {
      const dot = key.lastIndexOf('.')
      const ref = `${m.id}.${key.slice(0, dot)}`
      const entity = entities.get(ref)
      const def = entity?.actions.find((a) => a.id === key.slice(dot + 1))
      if (entity && def) actions.set(`${ref}.${def.id}`, { plugin: m.id, entity: ref, def, handler })
      else {
        for (const e of entities.values()) {
          const d = e.actions.find((a) => a.plugin === m.id && `${e.ref}.${a.id}` === key)
          if (d) actions.set(key, { plugin: m.id, entity: e.ref, def: d, handler })
        }
      }
    }
  }
  for (const e of entities.values()) {
    for (const a of e.actions) permissions.add(a.permission)
    e.relatedLists.sort((a, b) => (a.position ?? 100) - (b.position ?? 100))
    e.panels.sort((a, b) => (a.position ?? 100) - (b.position ?? 100))
  }

  const closure = (id: string, seen = new Set<string>()): string[] => {
    if (seen.has(id)) return []
    seen.add(id)
    const p = byId.get(id)
    if (p) for (const dep of Object.keys(p.manifest.dependsOn)) closure(dep, seen)
    return [...seen]
  }
  return {
    coreVersion,
    plugins: ordered,
    entities,
    permissions,
    messages,
    hooks,
    actions,
    subscribers,
    pdfTemplates,
    plugin: (id) => byId.get(id),
    closure: (id) => closure(id),
    dependents: (id) =>
      ordered
        .filter((p) => p.manifest.id !== id && closure(p.manifest.id).includes(id))
        .map((p) => p.manifest.id),
  }
}

export function entityFields(e: ResolvedEntity): [string, FieldDef][] {
  return Object.entries(e.fields)
}
