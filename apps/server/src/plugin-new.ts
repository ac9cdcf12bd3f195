/**
 * `comptoir plugin:new <id>`: writes a plugin package from `templates/plugin/` — manifest, one entity, its
 * table and first migration, a route, a web panel, fr/en messages, the conformance suite and a behaviour
 * test. In `packages/` it joins this workspace as `@comptoir/plugin-<id>`; anywhere else it is a standalone
 * `comptoir-plugin-<id>` that links to this repository's `@comptoir/core` until that is published.
 * @module
 */
import { randomUUID } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { StartupError } from '@comptoir/core/server'

export interface PluginNewOptions {
  id: string
  /** Target folder; default `packages/plugin-<id>` in this repository. */
  dir?: string
  /** Entity name (camelCase); default the id in camelCase without a final "s". */
  entity?: string
  /** Base for a relative `dir`. */
  cwd?: string
  /** The repository whose `packages/` makes a workspace package (default: this one). */
  root?: string
}

export interface PluginNewResult {
  dir: string
  packageName: string
  /** `workspace`: a package of this repository; `standalone`: a folder of its own. */
  mode: 'workspace' | 'standalone'
  entity: string
}

const PLUGIN_ID_RE = /^[a-z][a-z0-9-]{1,30}$/
const ENTITY_NAME_RE = /^[a-z][a-zA-Z0-9]{1,40}$/
/** Postgres cuts identifiers at 63 bytes; the longest one derived from the table adds 13. */
const MAX_TABLE_LENGTH = 50
const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await'.split(
    ' ',
  ),
)

/** Template files only a standalone package needs: its own release tooling and pnpm settings. */
const STANDALONE_ONLY = ['.changeset/', 'pnpm-workspace.yaml']

const here = dirname(fileURLToPath(import.meta.url))
/** `src/` and `dist/` both sit one level below the package root. */
const templateRoot = resolve(here, '../templates/plugin')
const defaultRoot = resolve(here, '../../..')

function fail(message: string): never {
  throw new StartupError(message)
}

const camel = (s: string) => s.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
const words = (s: string) => {
  const w = kebab(s).replace(/-/g, ' ')
  return w.charAt(0).toUpperCase() + w.slice(1)
}

/** The `catalog:` of pnpm-workspace.yaml: the versions this repository builds and tests with. */
function catalog(repoRoot: string): Record<string, string> {
  const text = readFileSync(join(repoRoot, 'pnpm-workspace.yaml'), 'utf8')
  const out: Record<string, string> = {}
  let inside = false
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) inside = line.startsWith('catalog:')
    const m = inside && /^\s+"?([^":]+)"?:\s*"?([^"\s]+)"?\s*$/.exec(line)
    if (m) out[m[1]] = m[2]
  }
  return out
}

function corePackage(): { dir: string; version: string } {
  const file = createRequire(import.meta.url).resolve('@comptoir/core/package.json')
  const dir = realpathSync(dirname(file))
  return { dir, version: JSON.parse(readFileSync(file, 'utf8')).version }
}

function packageJson(p: {
  repoRoot: string
  name: string
  title: string
  mode: PluginNewResult['mode']
  id: string
  coreRange: string
  coreDir: string
}) {
  const versions = catalog(p.repoRoot)
  const dev = (names: string[]) =>
    Object.fromEntries(names.map((n) => [n, p.mode === 'workspace' ? 'catalog:' : versions[n]]))
  const changesets = () =>
    JSON.parse(readFileSync(join(p.repoRoot, 'package.json'), 'utf8')).devDependencies['@changesets/cli']
  return {
    name: p.name,
    version: '0.1.0',
    description: `${p.title} for Comptoir.`,
    license: 'AGPL-3.0-or-later',
    type: 'module',
    sideEffects: false,
    comptoir: { plugin: p.id },
    exports: {
      '.': { types: './dist/index.d.ts', import: './dist/index.js' },
      './server': { types: './dist/server.d.ts', import: './dist/server.js' },
      './schema': { types: './dist/schema.d.ts', import: './dist/schema.js' },
      './web': { solid: './src/web/index.tsx', import: './src/web/index.tsx', types: './src/web/index.tsx' },
      './package.json': './package.json',
    },
    files: ['dist', 'drizzle', 'src/web'],
    scripts: {
      build: 'tsup',
      typecheck: 'tsc -p .',
      test: 'vitest run',
      'db:generate': 'drizzle-kit generate',
      ...(p.mode === 'standalone'
        ? { changeset: 'changeset', release: 'pnpm build && changeset publish' }
        : {}),
    },
    peerDependencies: { '@comptoir/core': p.coreRange, 'solid-js': '^1.9.0' },
    peerDependenciesMeta: { 'solid-js': { optional: true } },
    devDependencies: {
      ...(p.mode === 'standalone' ? { '@changesets/cli': changesets() } : {}),
      '@comptoir/core': p.mode === 'workspace' ? 'workspace:*' : `link:${p.coreDir}`,
      ...dev(['@types/node', 'drizzle-kit', 'drizzle-orm', 'solid-js', 'tsup', 'typescript', 'vitest']),
    },
  }
}

function tsconfig(mode: PluginNewResult['mode']) {
  const compilerOptions = {
    jsx: 'preserve',
    jsxImportSource: 'solid-js',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  }
  const include = ['src', 'test', '*.ts']
  if (mode === 'workspace') return { extends: '../../tsconfig.json', compilerOptions, include }
  return {
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      isolatedModules: true,
      verbatimModuleSyntax: true,
      resolveJsonModule: true,
      declaration: true,
      noEmit: true,
      types: ['node'],
      ...compilerOptions,
    },
    include,
  }
}

function* templateFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) yield* templateFiles(full)
    else yield relative(templateRoot, full)
  }
}

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/__([a-z]+(?:_[a-z]+)*)__/g, (m, name: string) => vars[name] ?? m)
}

/** Writes the plugin package and returns where and under which name. */
export function createPluginPackage(o: PluginNewOptions): PluginNewResult {
  const { id } = o
  const repoRoot = resolve(o.root ?? defaultRoot)
  if (!PLUGIN_ID_RE.test(id ?? ''))
    fail(
      `Invalid plugin id "${id ?? ''}": 2–31 lower-case letters, digits and dashes, starting with a letter.`,
    )
  const entity = o.entity ?? camel(id).replace(/s$/, '')
  if (!ENTITY_NAME_RE.test(entity) || RESERVED.has(entity))
    fail(
      `Invalid entity name "${entity}": camelCase letters and digits, not a JavaScript keyword (--entity).`,
    )
  const table = `${id.replace(/-/g, '_')}_${snake(entity)}`
  if (table.length > MAX_TABLE_LENGTH)
    fail(`Table name ${table} is too long for PostgreSQL: shorten the id or pass a shorter --entity.`)
  const packagesDir = join(repoRoot, 'packages')
  const dir = resolve(o.cwd ?? process.cwd(), o.dir ?? join(packagesDir, `plugin-${id}`))
  const mode: PluginNewResult['mode'] = dirname(dir) === packagesDir ? 'workspace' : 'standalone'
  if (mode === 'standalone' && !relative(repoRoot, dir).startsWith('..'))
    fail(`A plugin inside this repository goes directly in packages/ (packages/plugin-${id}).`)
  if (existsSync(dir) && readdirSync(dir).length) fail(`${dir} already exists and is not empty.`)
  const core = corePackage()
  const [major, minor] = core.version.split('.')
  const coreRange = `^${major}.${minor}.0`
  const packageName = mode === 'workspace' ? `@comptoir/plugin-${id}` : `comptoir-plugin-${id}`
  const title = words(id)
  const label = words(entity)
  const vars: Record<string, string> = {
    id,
    entity,
    entity_file: kebab(entity),
    table,
    package: packageName,
    title,
    label,
    label_plural: `${label}s`,
    core_range: coreRange,
    snapshot_id: randomUUID(),
    when: String(Date.now()),
    install:
      mode === 'workspace'
        ? `Install: add \`${packageName}\` to \`installedPlugins\` in \`apps/server/src/comptoir.config.ts\` and to the dependencies of \`apps/server\` and \`apps/web\` (\`"${packageName}": "workspace:*"\`), then \`npm start\`: it migrates the database and rebuilds the web app.`
        : `Install: in a Comptoir checkout, \`pnpm --filter @comptoir/server --filter @comptoir/web add ${packageName}\` (or \`file:<this folder>\`), list \`${packageName}\` in \`apps/server/src/comptoir.config.ts\` (or in \`COMPTOIR_PLUGINS\`), then \`npm start\`: it migrates the database and rebuilds the web app.\n\nUntil \`@comptoir/core\` is on the npm registry, the \`devDependencies\` link \`@comptoir/core\` to a Comptoir checkout (\`link:${core.dir}\`): replace it with the published version (\`"${coreRange}"\`) once it is.`,
  }
  for (const file of templateFiles(templateRoot)) {
    if (mode === 'workspace' && STANDALONE_ONLY.some((p) => file.startsWith(p))) continue
    const target = join(dir, fill(file, vars).replace(/(^|\/)gitignore$/, '$1.gitignore'))
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, fill(readFileSync(join(templateRoot, file), 'utf8'), vars))
  }
  const pkg = packageJson({ repoRoot, name: packageName, title, mode, id, coreRange, coreDir: core.dir })
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`)
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig(mode), null, 2)}\n`)
  return { dir, packageName, mode, entity }
}

/** The first argument that is neither a flag nor a flag's value. */
function positional(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (!a.startsWith('--')) return a
    if (!a.includes('=') && args[i + 1] !== undefined && !args[i + 1].startsWith('--')) i++
  }
  return undefined
}

/** The `plugin:new` command. */
export function pluginNew(args: string[], flags: Record<string, string | true>): void {
  const str = (v: string | true | undefined) => (typeof v === 'string' ? v : undefined)
  const r = createPluginPackage({
    id: positional(args) ?? '',
    dir: str(flags.dir),
    entity: str(flags.entity),
    cwd: process.env.INIT_CWD ?? process.cwd(),
  })
  const at = r.mode === 'workspace' ? `-C ${relative(defaultRoot, r.dir)} ` : ''
  console.log(`Created ${r.packageName} in ${r.dir} (entity ${r.entity}).\n`)
  console.log(
    r.mode === 'workspace'
      ? `Next: pnpm install (from the repository root), then pnpm ${at}build and pnpm ${at}test.`
      : `Next: cd ${r.dir} && pnpm install && pnpm build && pnpm test.`,
  )
}
