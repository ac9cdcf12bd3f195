import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPluginPackage } from '../src/plugin-new'
import { main, pnpm as pnpmIn, repo } from './plugin-new-helpers'

const root = mkdtempSync(join(tmpdir(), 'comptoir-plugin-new-'))
const dir = join(root, 'comptoir-plugin-field-trips')
let server: ChildProcess | undefined

const pnpm = (args: string[], cwd = dir) => pnpmIn(args, cwd)

beforeAll(() => {
  createPluginPackage({ id: 'field-trips', dir })
})

afterAll(() => {
  server?.kill('SIGKILL')
  rmSync(root, { recursive: true, force: true })
})

describe('comptoir plugin:new', () => {
  it('refuses an invalid id, a reserved entity name and a folder that is not empty', () => {
    expect(() => createPluginPackage({ id: 'Field_Trips', dir: join(root, 'a') })).toThrow(
      /Invalid plugin id/,
    )
    expect(() => createPluginPackage({ id: 'cases', entity: 'case', dir: join(root, 'b') })).toThrow(
      /Invalid entity name "case"/,
    )
    expect(() => createPluginPackage({ id: 'field-trips', dir })).toThrow(/not empty/)
    expect(() => createPluginPackage({ id: 'trips', dir: join(repo, 'docs/trips') })).toThrow(/packages\//)
  })

  it('writes a standalone package that names its plugin and links the local core', () => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
    const core = JSON.parse(readFileSync(join(repo, 'packages/core/package.json'), 'utf8'))
    const [major, minor] = core.version.split('.')
    expect(pkg.name).toBe('comptoir-plugin-field-trips')
    expect(pkg.comptoir).toEqual({ plugin: 'field-trips' })
    expect(Object.keys(pkg.exports)).toEqual(['.', './server', './schema', './web', './package.json'])
    expect(pkg.peerDependencies['@comptoir/core']).toBe(`^${major}.${minor}.0`)
    expect(pkg.devDependencies['@comptoir/core']).toBe(`link:${join(repo, 'packages/core')}`)
    expect(readFileSync(join(dir, 'src/manifest.ts'), 'utf8')).toContain(`core: '^${major}.${minor}.0'`)
    for (const file of [
      'src/entities/field-trip.ts',
      'src/schema.ts',
      'src/server/index.ts',
      'src/web/index.tsx',
      'src/i18n/fr.json',
      'src/i18n/en.json',
      'drizzle/0000_init.sql',
      'test/conformance.test.ts',
      '.changeset/config.json',
      'CHANGELOG.md',
      'README.md',
    ])
      expect(existsSync(join(dir, file)), file).toBe(true)
    expect(readFileSync(join(dir, 'drizzle/0000_init.sql'), 'utf8')).toContain(
      'CREATE TABLE "field_trips_field_trip"',
    )
  })

  it('installs, builds, typechecks and passes its own tests; drizzle-kit finds its migrations up to date', () => {
    pnpm(['install'])
    pnpm(['build'])
    expect(existsSync(join(dir, 'dist/server.js'))).toBe(true)
    pnpm(['typecheck'])
    const tests = pnpm(['test'])
    expect(tests).toMatch(/Test Files\s+2 passed/)
    expect(tests).not.toMatch(/failed/)
    expect(pnpm(['db:generate'])).toContain('No schema changes')
  })

  it('is loaded from its folder by the server, which migrates it and serves its routes', async () => {
    const started = await startServer({ COMPTOIR_PLUGINS: dir })
    const login = await fetch(`${started.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: started.url },
      body: JSON.stringify({ email: 'admin@demo.comptoir.local', password: 'demo-password-1' }),
    })
    expect(login.status).toBe(200)
    const cookie = login.headers.get('set-cookie')!.split(';')[0]
    const call = (path: string, body?: unknown) =>
      fetch(`${started.url}/api/v1${path}`, {
        method: body ? 'POST' : 'GET',
        headers: { cookie, origin: started.url, 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      })
    const created = await call('/records/field-trips.fieldTrip', { name: 'Usine de Lyon', status: 'done' })
    expect(created.status).toBe(201)
    const list = (await (await call('/records/field-trips.fieldTrip')).json()) as { data: { name: string }[] }
    expect(list.data.map((r) => r.name)).toEqual(['Usine de Lyon'])
    const summary = await call('/p/field-trips/summary')
    expect(await summary.json()).toEqual({ byStatus: { planned: 0, done: 1, cancelled: 0 } })
    const boot = (await (await call('/bootstrap')).json()) as {
      entities: Record<string, { panels: unknown[] }>
    }
    expect(boot.entities['field-trips.fieldTrip'].panels).toMatchObject([
      { component: 'field-trips.summaryPanel' },
    ])
  })

  it('is built into the web app as a lazy chunk of its own', () => {
    const host = join(root, 'web-host')
    mkdirSync(join(host, 'node_modules'), { recursive: true })
    symlinkSync(dir, join(host, 'node_modules/comptoir-plugin-field-trips'))
    const web = join(repo, 'apps/web')
    symlinkSync(join(web, 'node_modules/solid-js'), join(host, 'node_modules/solid-js'))
    const html = readFileSync(join(web, 'index.html'), 'utf8')
    writeFileSync(
      join(host, 'index.html'),
      html.replace('src="/src/main.tsx"', `src="${join(web, 'src/main.tsx')}"`),
    )
    const url = (p: string) => pathToFileURL(join(web, 'node_modules', p)).href
    const script = `
      const { build } = await import(${JSON.stringify(url('vite/dist/node/index.js'))})
      const solid = (await import(${JSON.stringify(url('vite-plugin-solid/dist/esm/index.mjs'))})).default
      const { comptoirPlugins } = await import(${JSON.stringify(pathToFileURL(join(repo, 'packages/core/dist/vite.js')).href)})
      await build({
        root: ${JSON.stringify(host)},
        configFile: false,
        logLevel: 'error',
        plugins: [solid(), comptoirPlugins({ plugins: ['comptoir-plugin-field-trips'] })],
        build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
      })`
    writeFileSync(join(host, 'build.mjs'), script)
    const r = spawnSync(process.execPath, [join(host, 'build.mjs')], { encoding: 'utf8' })
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0)
    const assets = join(host, 'dist/assets')
    const files = readdirSync(assets).filter((f) => f.endsWith('.js'))
    const chunk = files.find((f) =>
      readFileSync(join(assets, f), 'utf8').includes('field-trips.summaryPanel'),
    )
    expect(chunk).toMatch(/^web-/)
    expect(files.some((f) => f.startsWith('summary-panel-'))).toBe(true)
    const entry = readFileSync(join(host, 'dist/index.html'), 'utf8')
    expect(entry).not.toContain(chunk)
  })
})

function startServer(env: Record<string, string>): Promise<{ url: string }> {
  const dataDir = join(root, 'data')
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [main, 'serve', '--migrate'], {
      env: {
        ...process.env,
        PORT: '0',
        COMPTOIR_DATA_DIR: dataDir,
        COMPTOIR_ADMIN_PASSWORD: 'demo-password-1',
        COMPTOIR_DEMO: '0',
        ...env,
      },
    })
    server = p
    let output = ''
    const onData = (d: Buffer) => {
      output += d.toString()
      const m = /running on (http:\/\/\S+) /.exec(output)
      if (m && output.includes('Ctrl-C')) resolve({ url: m[1] })
    }
    p.stdout.on('data', onData)
    p.stderr.on('data', onData)
    p.on('exit', (code) => reject(new Error(`server exited ${code}: ${output}`)))
  })
}
