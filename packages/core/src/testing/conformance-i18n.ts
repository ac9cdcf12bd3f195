import { i18nKeys } from '../i18n/keys'
import type { Registry } from '../plugin/registry'

/** The conventional message keys a plugin must ship in every language. */
export function conformanceI18nKeys(registry: Registry, pluginId: string): string[] {
  const p = registry.plugin(pluginId)
  if (!p) return []
  const m = p.manifest
  const keys = [i18nKeys.plugin(m.id)]
  for (const e of m.entities) {
    keys.push(i18nKeys.entityOne(m.id, e.name), i18nKeys.entityMany(m.id, e.name))
    for (const [name, f] of Object.entries(e.fields)) {
      keys.push(i18nKeys.field(m.id, e.name, name))
      if (f.type === 'select' || f.type === 'multiSelect')
        for (const o of f.options) keys.push(i18nKeys.option(m.id, e.name, name, o))
    }
    for (const s of e.detail?.sections ?? []) keys.push(i18nKeys.section(m.id, e.name, s.id))
    for (const a of e.actions ?? []) keys.push(i18nKeys.action(m.id, e.name, a.id))
  }
  for (const x of m.extends) {
    const target = x.target.slice(x.target.indexOf('.') + 1)
    for (const name of Object.keys(x.fields ?? {})) keys.push(i18nKeys.field(m.id, target, name))
    for (const a of x.actions ?? []) keys.push(i18nKeys.action(m.id, target, a.id))
  }
  for (const n of m.navigation) keys.push(i18nKeys.nav(m.id, n.id))
  for (const e of registry.entities.values())
    for (const r of e.relatedLists) if (r.plugin === m.id) keys.push(i18nKeys.relatedList(m.id, r.id))
  return [...new Set(keys)]
}
