import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPluginPackage } from '../src/plugin-new'
import { main, pnpm, repo } from './plugin-new-helpers'

/**
 * A workspace shaped like this repository (its root tsconfig.json, its pnpm catalog, packages/*) in a
 * temporary folder, so that generating into packages/ and installing touch nothing here. Its only other
 * package would be the core: the workspace resolves `@comptoir/core` to this repository's packages/core
 * (an override to a link), as `workspace:*` would.
 */
const ws = mkdtempSync(join(tmpdir(), 'comptoir-workspace-'))
const pkgDir = join(ws, 'packages/plugin-site-visits')
const cli = mkdtempSync(join(tmpdir(), 'comptoir-plugin-cli-'))

beforeAll(() => {
  mkdirSync(join(ws, 'packages'))
  writeFileSync(join(ws, 'tsconfig.json'), readFileSync(join(repo, 'tsconfig.json')))
  const workspace = readFileSync(join(repo, 'pnpm-workspace.yaml'), 'utf8')
  const catalog = /^catalog:\n(?:[ \t]+.*\n)+/m.exec(workspace)?.[0]
  if (!catalog) throw new Error('No catalog in pnpm-workspace.yaml')
  writeFileSync(
    join(ws, 'pnpm-workspace.yaml'),
    [
      'packages:\n  - "packages/*"',
      'allowBuilds:\n  esbuild: true',
      catalog.trimEnd(),
      `overrides:\n  "@comptoir/core": "link:${join(repo, 'packages/core')}"`,
      '',
    ].join('\n'),
  )
  writeFileSync(
    join(ws, 'package.json'),
    JSON.stringify({ name: 'workspace', private: true, type: 'module' }),
  )
})

afterAll(() => {
  rmSync(ws, { recursive: true, force: true })
  rmSync(cli, { recursive: true, force: true })
})

describe('comptoir plugin:new in a workspace', () => {
  it('writes a workspace package in packages/ that uses the catalog and the root tsconfig', () => {
    const r = createPluginPackage({ id: 'site-visits', root: ws })
    expect(r).toMatchObject({ dir: pkgDir, mode: 'workspace', packageName: '@comptoir/plugin-site-visits' })
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'))
    expect(pkg.devDependencies).toMatchObject({ '@comptoir/core': 'workspace:*', vitest: 'catalog:' })
    expect(pkg.devDependencies['@changesets/cli']).toBeUndefined()
    expect(JSON.parse(readFileSync(join(pkgDir, 'tsconfig.json'), 'utf8')).extends).toBe(
      '../../tsconfig.json',
    )
    expect(existsSync(join(pkgDir, '.changeset'))).toBe(false)
    expect(existsSync(join(pkgDir, 'pnpm-workspace.yaml'))).toBe(false)
  })

  // Each step can take a minute on a busy machine: the steps are separate tests with room to spare.
  it('installs from the store, linking the workspace core', () => {
    pnpm(['install', '--prefer-offline'], ws)
    expect(existsSync(join(pkgDir, 'node_modules/@comptoir/core/package.json'))).toBe(true)
  }, 300_000)

  it('builds and typechecks as generated', () => {
    pnpm(['build'], pkgDir)
    expect(existsSync(join(pkgDir, 'dist/server.js'))).toBe(true)
    pnpm(['typecheck'], pkgDir)
  }, 300_000)

  it('passes its own tests as generated', () => {
    const tests = pnpm(['test'], pkgDir)
    expect(tests).toMatch(/Test Files\s+2 passed/)
    expect(tests).not.toMatch(/failed/)
  }, 300_000)
})

describe('the comptoir plugin:new command', () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, [main, 'plugin:new', ...args], {
      // As `npm run comptoir -- …` runs it: from the repository, with the caller's folder in INIT_CWD.
      cwd: repo,
      env: { ...process.env, INIT_CWD: cli, NO_COLOR: '1' },
      encoding: 'utf8',
    })

  it('writes the package in --dir, relative to the folder it was called from', () => {
    const r = run(['site-notes', '--dir', 'plugins/notes', '--entity', 'memo'])
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0)
    const dir = join(cli, 'plugins/notes')
    expect(r.stdout).toContain(`Created comptoir-plugin-site-notes in ${dir} (entity memo)`)
    expect(r.stdout).toContain(`cd ${dir} && pnpm install && pnpm build && pnpm test`)
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name).toBe(
      'comptoir-plugin-site-notes',
    )
    for (const file of ['src/entities/memo.ts', 'src/manifest.ts', 'test/conformance.test.ts', '.gitignore'])
      expect(existsSync(join(dir, file)), file).toBe(true)
    expect(readFileSync(join(dir, 'drizzle/0000_init.sql'), 'utf8')).toContain(
      'CREATE TABLE "site_notes_memo"',
    )
  })

  it('refuses an invalid id with a message and a failing exit code, writing nothing', () => {
    const r = run(['Site_Notes', '--dir', 'plugins/bad'])
    expect(r.status).not.toBe(0)
    expect(`${r.stdout}${r.stderr}`).toContain('Invalid plugin id "Site_Notes"')
    expect(existsSync(join(cli, 'plugins/bad'))).toBe(false)
  })
})
