/**
 * The web plugins of the tenant's enabled plugins, loaded once after the bootstrap, and the lookups the
 * shell uses: components by id, slot contributions, pages and field widgets.
 * @module
 */
import { type Component, lazy } from 'solid-js'
import {
  type FieldWidgetProps,
  isWebPlugin,
  type LazyComponent,
  type PluginLoaders,
  type SlotContribution,
  type SlotName,
  type WebPage,
  type WebPlugin,
} from './define-web-plugin'

export interface PluginRuntime {
  plugins: WebPlugin[]
  /** Failed chunk loads, by plugin id: the rest of the app keeps working. */
  failed: string[]
  component(id: string): Component<any> | undefined
  slot(name: SlotName, entity?: string): (SlotContribution & { plugin: string; view: Component<any> })[]
  pages(): (WebPage & { plugin: string; view: Component<any> })[]
  fieldWidget(entity: string, field: string, type: string): Component<FieldWidgetProps> | undefined
}

const views = new WeakMap<LazyComponent, Component<any>>()

/** One `lazy()` wrapper per loader, so a component keeps its state across re-renders. */
export function viewOf(loader: LazyComponent): Component<any> {
  let view = views.get(loader)
  if (!view) {
    view = lazy(loader)
    views.set(loader, view)
  }
  return view
}

export function createPluginRuntime(plugins: WebPlugin[], failed: string[] = []): PluginRuntime {
  return {
    plugins,
    failed,
    component(id) {
      for (const p of plugins) if (p.components[id]) return viewOf(p.components[id])
      return undefined
    },
    slot(name, entity) {
      return plugins
        .flatMap((p) => p.slots.map((s) => ({ ...s, plugin: p.id })))
        .filter((s) => s.slot === name && (!s.entity || s.entity === entity))
        .sort((a, b) => (a.position ?? 100) - (b.position ?? 100))
        .map((s) => ({ ...s, view: viewOf(s.component) }))
    },
    pages() {
      return plugins.flatMap((p) =>
        p.pages.map((page) => ({ ...page, plugin: p.id, view: viewOf(page.component) })),
      )
    },
    fieldWidget(entity, field, type) {
      for (const key of [`${entity}.${field}`, type]) {
        for (const p of plugins) if (p.fieldWidgets[key]) return viewOf(p.fieldWidgets[key])
      }
      return undefined
    },
  }
}

/** Loads the chunks of the enabled plugins that have a web part; others are never fetched. */
export async function loadPlugins(
  loaders: PluginLoaders,
  enabled: readonly string[],
): Promise<PluginRuntime> {
  const ids = enabled.filter((id) => loaders[id])
  const failed: string[] = []
  const loaded = await Promise.all(
    ids.map(async (id) => {
      try {
        const mod = await loaders[id]()
        return isWebPlugin(mod.default) ? mod.default : undefined
      } catch (e) {
        console.error(`Plugin ${id}: its web part failed to load`, e)
        failed.push(id)
        return undefined
      }
    }),
  )
  return createPluginRuntime(
    loaded.filter((p): p is WebPlugin => !!p),
    failed,
  )
}
