/**
 * Finds installed plugin packages and reads what the web app needs from their `package.json`: the plugin
 * id (`"comptoir": { "plugin": "<id>" }`) and whether they export a `./web` entry.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

export interface PluginPackage {
  name: string
  id: string
  /** Import specifier of the web entry, absent when the package has no `./web` export. */
  web?: string
}

/** The package's `package.json` path, looked up in `node_modules` from `root` upwards. */
export function findPackageJson(name: string, root: string): string | undefined {
  let dir = resolve(root)
  for (;;) {
    const candidate = join(dir, 'node_modules', name, 'package.json')
    if (existsSync(candidate)) return candidate
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

/** A folder path (`./plugins/mine`, `/opt/x`) rather than a package name. */
function isFolder(spec: string): boolean {
  return spec.startsWith('.') || spec.startsWith('/')
}

export function readPluginPackage(spec: string, root: string): PluginPackage {
  const folder = isFolder(spec) ? resolve(root, spec) : undefined
  const file = folder ? join(folder, 'package.json') : findPackageJson(spec, root)
  const name = spec
  if (!file || !existsSync(file))
    throw new Error(`comptoirPlugins: package ${name} is not installed (looked up from ${root})`)
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as {
    comptoir?: { plugin?: string }
    exports?: Record<string, unknown> | string
  }
  const id = pkg.comptoir?.plugin
  if (!id)
    throw new Error(`comptoirPlugins: ${name} has no "comptoir": { "plugin": "<id>" } in its package.json`)
  const web =
    typeof pkg.exports === 'object' && pkg.exports !== null
      ? (pkg.exports as Record<string, any>)['./web']
      : undefined
  if (!web) return { name, id }
  // An absolute path: the app need not depend on the plugin itself, only the server does.
  const entry = typeof web === 'string' ? web : (web.solid ?? web.import ?? web.default)
  return { name, id, web: join(folder ?? dirname(file), entry) }
}

/** The plugin packages among the app's dependencies (those whose package.json names a plugin id). */
export function discoverPluginPackages(root: string): string[] {
  const file = join(root, 'package.json')
  if (!existsSync(file)) return []
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { dependencies?: Record<string, string> }
  return Object.keys(pkg.dependencies ?? {}).filter((name) => {
    const found = findPackageJson(name, root)
    if (!found) return false
    const json = JSON.parse(readFileSync(found, 'utf8')) as { comptoir?: { plugin?: string } }
    return typeof json.comptoir?.plugin === 'string'
  })
}
