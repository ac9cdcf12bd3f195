/**
 * The sidebar's links from `bootstrap.navigation`, in the seed's group order.
 * @module
 */
import { NAV_GROUPS, type NavGroup } from '../../plugin/define-plugin'
import type { Bootstrap, NavEntry } from '../../records/metadata-types'
import type { PluginRuntime } from '../plugins/plugin-runtime'
import { recordPath } from '../fields/field-def'

export interface NavLink {
  key: string
  href: string
  label: string
}

export interface NavSection {
  group: NavGroup
  links: NavLink[]
}

export function entryHref(entry: NavEntry, runtime: PluginRuntime): string | undefined {
  if (entry.entity)
    return recordPath(entry.entity.includes('.') ? entry.entity : `${entry.plugin}.${entry.entity}`)
  if (entry.page) {
    const page = runtime.pages().find((p) => p.plugin === entry.plugin && p.id === entry.page)
    return `/p/${entry.plugin}/${page?.path ?? entry.page}`
  }
  return undefined
}

/** Sections in group order; the core's recycle bin closes the Tools group. */
export function navSections(
  b: Bootstrap,
  runtime: PluginRuntime,
  msg: (key: string) => string,
  trashLabel: string,
): NavSection[] {
  const sections = new Map<NavGroup, NavLink[]>(NAV_GROUPS.map((g) => [g, []]))
  for (const g of b.navigation) {
    const links = sections.get(g.group) ?? []
    for (const entry of g.items) {
      const href = entryHref(entry, runtime)
      if (href) links.push({ key: `${entry.plugin}.${entry.id}`, href, label: msg(entry.label) })
    }
    sections.set(g.group, links)
  }
  sections.get('tools')!.push({ key: 'core.trash', href: '/trash', label: trashLabel })
  return [...sections].filter(([, links]) => links.length > 0).map(([group, links]) => ({ group, links }))
}
