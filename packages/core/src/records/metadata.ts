/**
 * Per-tenant, per-user metadata for `GET /api/v1/bootstrap` and the OpenAPI document: only enabled
 * plugins' contributions, only fields the user may see, labels as i18n keys.
 * @module
 */
import { filterOperators } from '../entity/fields'
import { i18nKeys } from '../i18n/keys'
import { translate } from '../i18n/messages'
import { CRUD_ACTIONS } from '../plugin/registry'
import { NAV_GROUPS } from '../plugin/define-plugin'
import type { RequestContext } from './context'
import type { Bootstrap, EntityMeta, FieldMeta } from './metadata-types'
import type { RecordsServiceImpl } from './records-service'

export async function entityMeta(ctx: RequestContext, ref: string): Promise<EntityMeta> {
  const svc = ctx.records(ref) as RecordsServiceImpl
  const e = svc.entity
  const model = await svc.model()
  const on = (plugin: string) => ctx.enabled.has(plugin)
  const fields: Record<string, FieldMeta> = {}
  for (const [name, mf] of model.fields) {
    const d = mf.def as any
    const key = mf.origin === 'custom' ? name : name
    const labelKey =
      mf.origin === 'custom' ? name : i18nKeys.field(mf.plugin, mf.origin === 'ext' ? e.name : e.name, name)
    fields[key] = {
      name,
      type: d.type,
      label: labelKey,
      ...(mf.labels ? { labels: mf.labels } : {}),
      required: d.required,
      unique: d.unique,
      readOnly: d.readOnly || mf.rule === 'readOnly',
      hidden: d.hidden,
      searchable: d.searchable,
      operators: filterOperators(d),
      ...(d.options
        ? {
            options: d.options.map((v: string) => ({
              value: v,
              label: mf.origin === 'custom' ? v : i18nKeys.option(mf.plugin, e.name, name, v),
            })),
          }
        : {}),
      ...(d.target ? { target: d.target } : {}),
      ...(d.targets?.length ? { targets: d.targets } : {}),
      ...(d.maxLength !== undefined ? { maxLength: d.maxLength } : {}),
      ...(d.precision !== undefined ? { precision: d.precision, scale: d.scale } : {}),
      ...(d.min !== undefined ? { min: d.min } : {}),
      ...(d.max !== undefined ? { max: d.max } : {}),
      ...(d.resultType ? { resultType: d.resultType } : {}),
      ...(d.accept ? { accept: d.accept, maxSize: d.maxSize } : {}),
      ...(d.default !== undefined && typeof d.default !== 'function' ? { default: d.default } : {}),
      origin: mf.origin,
      plugin: mf.plugin,
      ...(mf.rule ? { rule: mf.rule } : {}),
    }
  }
  const can: EntityMeta['can'] = {}
  for (const a of CRUD_ACTIONS) can[a] = ctx.access.scope(`${ref}.${a}`)
  for (const a of e.actions) can[a.id] = ctx.access.scope(a.permission)
  const visible = (f: string) => model.fields.has(f)
  return {
    ref,
    plugin: e.plugin,
    name: e.name,
    label: i18nKeys.entityOne(e.plugin, e.name),
    labelPlural: i18nKeys.entityMany(e.plugin, e.name),
    icon: e.icon,
    title: e.title,
    ownership: e.ownership ?? 'owner',
    fields,
    list: { columns: e.listColumns.filter(visible), sort: e.list?.sort ?? e.title[0] },
    detail: {
      sections: (e.detail?.sections ?? [{ id: 'main', fields: Object.keys(e.fields) }]).map((s) => ({
        id: s.id,
        label: i18nKeys.section(e.plugin, e.name, s.id),
        fields: s.fields.filter(visible),
      })),
    },
    relatedLists: e.relatedLists
      .filter(
        (r) =>
          on(r.plugin) &&
          ctx.core.registry.entities.get(r.entity) &&
          on(ctx.core.registry.entities.get(r.entity)!.plugin) &&
          ctx.access.can(`${r.entity}.read`),
      )
      .map((r) => ({
        id: r.id,
        entity: r.entity,
        via: r.via,
        label: i18nKeys.relatedList(r.plugin, r.id),
        columns: r.columns,
        sort: r.sort,
        plugin: r.plugin,
      })),
    panels: e.panels.filter((p) => on(p.plugin)),
    actions: e.actions
      .filter((a) => on(a.plugin) && ctx.access.can(a.permission))
      .map((a) => ({
        id: a.id,
        label: i18nKeys.action(a.plugin, e.name, a.id),
        permission: a.permission,
        confirm: a.confirm,
        component: a.component,
        visibleWhen: a.visibleWhen,
        plugin: a.plugin,
      })),
    links: [...(e.links ?? [])],
    search: e.search
      ? [...e.search]
      : Object.entries(e.fields)
          .filter(([, f]) => f.searchable)
          .map(([n]) => n),
    ...(e.numbering ? { numbering: { field: e.numbering.field } } : {}),
    can,
  }
}

export async function buildBootstrap(ctx: RequestContext): Promise<Bootstrap> {
  const reg = ctx.core.registry
  const plugins = reg.plugins.filter((p) => ctx.enabled.has(p.manifest.id))
  const entities: Bootstrap['entities'] = {}
  for (const p of plugins) {
    for (const e of p.manifest.entities)
      if (ctx.access.can(`${e.ref}.read`)) entities[e.ref] = await entityMeta(ctx, e.ref)
  }
  const navigation = NAV_GROUPS.map((group) => ({
    group,
    label: translate(ctx.core.messages, ctx.locale, `core:nav.${group}`),
    items: plugins
      .flatMap((p) => p.manifest.navigation.filter((n) => n.group === group).map((n) => ({ n, p })))
      .filter(({ n, p }) => !n.entity || entities[`${p.manifest.id}.${n.entity}`])
      .sort((a, b) => (a.n.position ?? 100) - (b.n.position ?? 100))
      .map(({ n, p }) => ({
        id: n.id,
        plugin: p.manifest.id,
        label: i18nKeys.nav(p.manifest.id, n.id),
        ...(n.entity ? { entity: `${p.manifest.id}.${n.entity}` } : {}),
        ...(n.page ? { page: n.page } : {}),
        ...(n.icon ? { icon: n.icon } : {}),
      })),
  })).filter((g) => g.items.length)
  const keys = new Set<string>()
  for (const p of plugins) {
    for (const e of p.manifest.entities) for (const a of CRUD_ACTIONS) keys.add(`${e.ref}.${a}`)
    for (const perm of p.manifest.permissions) keys.add(perm.key)
  }
  const prefixes = ['core:', ...plugins.map((p) => `${p.manifest.id}:`)]
  const all = ctx.core.messages[ctx.locale]
  const messages: Record<string, string> = {}
  for (const [k, v] of Object.entries(all)) if (prefixes.some((x) => k.startsWith(x))) messages[k] = v
  return {
    user: {
      id: ctx.user.id,
      email: ctx.user.email,
      name: ctx.user.name,
      isAdmin: ctx.user.isAdmin,
      locale: ctx.locale,
    },
    tenant: { id: ctx.tenant.id, slug: ctx.tenant.slug, name: ctx.tenant.name, plan: ctx.tenant.plan },
    locale: ctx.locale,
    plugins: plugins.map((p) => ({ id: p.manifest.id, version: p.manifest.version })),
    navigation,
    entities,
    permissions: ctx.access.effectiveGrants(keys),
    messages,
    currency: 'EUR',
  }
}
