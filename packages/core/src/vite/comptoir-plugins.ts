/**
 * The Vite plugin that turns the installed plugin packages into `virtual:comptoir/plugins`:
 * `{ [pluginId]: () => import('<package>/web') }`, one lazy chunk per plugin, so the shell fetches only
 * the chunks of the plugins a tenant has enabled.
 * @module
 */
import { type PluginPackage, discoverPluginPackages, readPluginPackage } from './plugin-packages'

export const VIRTUAL_ID = 'virtual:comptoir/plugins'
const RESOLVED_ID = `\0${VIRTUAL_ID}`

export interface ComptoirPluginsOptions {
  /** Plugin package names. Defaults to the app's dependencies that declare `"comptoir": { "plugin" }`. */
  plugins?: string[]
  /** Directory the packages are resolved from (default: the Vite root), e.g. the server app's. */
  root?: string
}

/** The structural subset of Vite's `Plugin` this needs, so core does not depend on Vite. */
export interface VitePluginLike {
  name: string
  enforce?: 'pre' | 'post'
  configResolved?: (config: { root: string }) => void
  resolveId?: (id: string) => string | undefined
  load?: (id: string) => string | undefined
}

export function virtualModuleSource(packages: PluginPackage[]): string {
  const seen = new Map<string, string>()
  for (const p of packages) {
    const other = seen.get(p.id)
    if (other) throw new Error(`comptoirPlugins: ${p.name} and ${other} both declare plugin id "${p.id}"`)
    seen.set(p.id, p.name)
  }
  const entries = packages
    .filter((p) => p.web)
    .map((p) => `  ${JSON.stringify(p.id)}: () => import(${JSON.stringify(p.web)}),`)
  return `const plugins = {\n${entries.join('\n')}\n}\nexport { plugins }\nexport default plugins\n`
}

/**
 * @example
 * // vite.config.ts
 * export default defineConfig({ plugins: [solid(), comptoirPlugins({ plugins: ['@comptoir/plugin-accounts'] })] })
 */
export function comptoirPlugins(options: ComptoirPluginsOptions = {}): VitePluginLike {
  let root = process.cwd()
  return {
    name: 'comptoir:plugins',
    enforce: 'pre',
    configResolved(config) {
      root = options.root ?? config.root
    },
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : undefined
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined
      const names = options.plugins ?? discoverPluginPackages(root)
      return virtualModuleSource(names.map((name) => readPluginPackage(name, root)))
    },
  }
}
