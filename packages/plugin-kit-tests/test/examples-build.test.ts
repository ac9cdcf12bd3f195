import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { examplesDir, packageRoot } from '../src/paths'

const bin = (name: string) => join(packageRoot, 'node_modules/.bin', name)
const examples = readdirSync(examplesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'node_modules')
  .map((d) => d.name)
const scratch = mkdtempSync(join(tmpdir(), 'comptoir-guide-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe.each(examples)('example plugin %s', (name) => {
  const dir = join(examplesDir, name)

  it('typechecks', () => {
    const r = spawnSync(bin('tsc'), ['-p', dir], { encoding: 'utf8' })
    expect(`${r.stdout}${r.stderr}`).toBe('')
    expect(r.status).toBe(0)
  })

  it.runIf(existsSync(join(dir, 'tsup.config.ts')))('builds its server and schema entries', () => {
    const out = join(scratch, `${name}-dist`)
    const r = spawnSync(bin('tsup'), ['--out-dir', out], { cwd: dir, encoding: 'utf8' })
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0)
    for (const entry of ['index.js', 'server.js', 'schema.js', 'server.d.ts'])
      expect(existsSync(join(out, entry)), entry).toBe(true)
  })

  it('ships the migrations drizzle-kit generates from its schema', () => {
    const out = join(scratch, name)
    cpSync(join(dir, 'drizzle'), out, { recursive: true })
    // drizzle-kit reads --out relative to the working directory, even an absolute one.
    const r = spawnSync(
      bin('drizzle-kit'),
      ['generate', '--dialect', 'postgresql', '--schema', 'src/schema.ts', '--out', relative(dir, out)],
      { cwd: dir, encoding: 'utf8' },
    )
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toContain('No schema changes')
  })
})
