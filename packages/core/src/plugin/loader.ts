/**
 * Loads the installed plugins: checks each one and refuses to boot, with one message naming the plugin,
 * the required range and the actual version, on any incompatibility. The order is topological with ties
 * broken by id, so it never depends on the order plugins were listed.
 * @module
 */
import semver from 'semver'
import { StartupError } from '../errors'
import { ENTITY_NAME_RE, FIELD_NAME_RE, PLUGIN_ID_RE } from '../entity/naming'
import { buildRegistry, type Registry } from './registry'
import { isServerPlugin, type ServerPlugin } from './server-plugin'

function fail(message: string): never {
  throw new StartupError(message)
}

/** Kahn's algorithm, always taking the smallest ready id: the order never depends on the install order. */
function topoSort(plugins: ServerPlugin[]): ServerPlugin[] {
  const byId = new Map(plugins.map((p) => [p.manifest.id, p]))
  const waiting = new Map(plugins.map((p) => [p.manifest.id, new Set(Object.keys(p.manifest.dependsOn))]))
  const out: ServerPlugin[] = []
  while (waiting.size) {
    const ready = [...waiting]
      .filter(([, deps]) => deps.size === 0)
      .map(([id]) => id)
      .sort()
    if (!ready.length) fail(`Plugins depend on each other in a cycle: ${findCycle(waiting).join(' → ')}`)
    const id = ready[0]
    waiting.delete(id)
    for (const deps of waiting.values()) deps.delete(id)
    out.push(byId.get(id)!)
  }
  return out
}

function findCycle(waiting: Map<string, Set<string>>): string[] {
  const start = [...waiting.keys()].sort()[0]
  const path = [start]
  for (;;) {
    const next = [...(waiting.get(path[path.length - 1]) ?? [])].sort()[0]
    const at = path.indexOf(next)
    if (at >= 0) return [...path.slice(at), next]
    path.push(next)
  }
}

export function loadPlugins(coreVersion: string, input: unknown[]): Registry {
  const plugins: ServerPlugin[] = []
  const ids = new Set<string>()
  for (const p of input) {
    if (!isServerPlugin(p)) {
      const name = (p as any)?.manifest?.id ?? (p as any)?.id ?? String(p)
      fail(
        `"${name}" is not a Comptoir server plugin (export defineServerPlugin(manifest, …) from its ./server entry).`,
      )
    }
    const m = p.manifest
    if (!PLUGIN_ID_RE.test(m.id))
      fail(`Plugin id "${m.id}" is invalid: lower-case letters, digits and dashes.`)
    if (ids.has(m.id)) fail(`Plugin "${m.id}" is installed twice.`)
    ids.add(m.id)
    if (!semver.validRange(m.core))
      fail(`Plugin "${m.id}" ${m.version} declares an invalid core range "${m.core}".`)
    if (!semver.satisfies(coreVersion, m.core, { includePrerelease: true })) {
      fail(`Plugin "${m.id}" ${m.version} requires @comptoir/core ${m.core}, but core is ${coreVersion}.`)
    }
    plugins.push(p)
  }
  const byId = new Map(plugins.map((p) => [p.manifest.id, p]))
  for (const p of plugins) {
    const m = p.manifest
    for (const [dep, range] of Object.entries(m.dependsOn)) {
      const d = byId.get(dep)
      if (!d) fail(`Plugin "${m.id}" ${m.version} requires plugin "${dep}" ${range}, which is not installed.`)
      if (!semver.satisfies(d.manifest.version, range, { includePrerelease: true })) {
        fail(
          `Plugin "${m.id}" ${m.version} requires plugin "${dep}" ${range}, but "${dep}" is ${d.manifest.version}.`,
        )
      }
    }
  }
  const ordered = topoSort(plugins)
  checkContributions(ordered)
  return buildRegistry(coreVersion, ordered)
}

function checkContributions(ordered: ServerPlugin[]) {
  const owner = new Map<string, string>() // entity ref → plugin
  const reach = new Map<string, Set<string>>()
  for (const p of ordered) {
    const m = p.manifest
    const deps = new Set<string>([m.id])
    for (const d of Object.keys(m.dependsOn)) for (const x of reach.get(d) ?? []) deps.add(x)
    reach.set(m.id, deps)
    const visible = (ref: string) => {
      const o = owner.get(ref)
      return o !== undefined && deps.has(o)
    }
    for (const e of m.entities) {
      if (!ENTITY_NAME_RE.test(e.name)) fail(`Plugin "${m.id}": entity name "${e.name}" is invalid.`)
      if (owner.has(e.ref)) fail(`Plugin "${m.id}": entity ${e.ref} is declared twice.`)
      owner.set(e.ref, m.id)
    }
    for (const e of m.entities) {
      for (const [fname, field] of Object.entries(e.fields)) {
        if (!FIELD_NAME_RE.test(fname)) fail(`Plugin "${m.id}": field ${e.ref}.${fname} has an invalid name.`)
        if (field.type === 'belongsTo' && !visible(field.target)) {
          fail(
            `Plugin "${m.id}": ${e.ref}.${fname} points at ${field.target}, which is not an entity of "${m.id}" or of a plugin it depends on.`,
          )
        }
      }
      for (const t of e.title)
        if (!e.fields[t]) fail(`Plugin "${m.id}": title field ${e.ref}.${t} does not exist.`)
      for (const l of e.links ?? []) {
        if (!visible(l.target))
          fail(
            `Plugin "${m.id}": link ${e.ref}/${l.kind} targets ${l.target}, which "${m.id}" does not depend on.`,
          )
      }
    }
    for (const x of m.extends) {
      if (!visible(x.target)) {
        fail(`Plugin "${m.id}" extends ${x.target}, which is not an entity of a plugin it depends on.`)
      }
    }
    for (const perm of m.permissions) {
      if (!perm.key.startsWith(`${m.id}.`) && !m.extends.some((x) => perm.key.startsWith(`${x.target}.`))) {
        fail(`Plugin "${m.id}": permission "${perm.key}" is outside its namespace "${m.id}.".`)
      }
    }
    for (const tpl of p.pdfTemplates ?? []) {
      if (!tpl.id.startsWith(`${m.id}.`))
        fail(`Plugin "${m.id}": PDF template "${tpl.id}" is outside its namespace "${m.id}.".`)
      if (!visible(tpl.entity))
        fail(`Plugin "${m.id}": PDF template "${tpl.id}" prints ${tpl.entity}, which it does not depend on.`)
    }
    for (const key of Object.keys(p.hooks ?? {})) {
      const ref = key.slice(0, key.lastIndexOf('.'))
      if (!visible(ref)) fail(`Plugin "${m.id}": hook "${key}" is on ${ref}, which it does not depend on.`)
    }
  }
  // Field names added by extensions may clash with the target's fields or with each other.
  const extFields = new Map<string, string>()
  for (const p of ordered) {
    for (const x of p.manifest.extends) {
      const targetPlugin = ordered.find((q) => q.manifest.entities.some((e) => e.ref === x.target))!
      const target = targetPlugin.manifest.entities.find((e) => e.ref === x.target)!
      for (const name of Object.keys(x.fields ?? {})) {
        const key = `${x.target}.${name}`
        if (target.fields[name])
          fail(
            `Plugin "${p.manifest.id}" adds field ${key}, which "${targetPlugin.manifest.id}" already declares.`,
          )
        const other = extFields.get(key)
        if (other) fail(`Plugins "${other}" and "${p.manifest.id}" both add field ${key}.`)
        extFields.set(key, p.manifest.id)
      }
    }
  }
}
