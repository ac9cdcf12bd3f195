import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { comptoirPlugins, VIRTUAL_ID } from './comptoir-plugins'

const root = mkdtempSync(join(tmpdir(), 'comptoir-vite-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function pkg(name: string, json: object) {
  const dir = join(root, 'node_modules', name)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, ...json }))
}

pkg('@comptoir/plugin-accounts', {
  comptoir: { plugin: 'accounts' },
  exports: { '.': './x.js', './web': './web.js' },
})
pkg('@comptoir/plugin-vendors', { comptoir: { plugin: 'vendors' }, exports: { '.': './x.js' } })
pkg('left-pad', {})
writeFileSync(
  join(root, 'package.json'),
  JSON.stringify({
    dependencies: { '@comptoir/plugin-accounts': '*', '@comptoir/plugin-vendors': '*', 'left-pad': '*' },
  }),
)

function load(options?: Parameters<typeof comptoirPlugins>[0]) {
  const plugin = comptoirPlugins(options)
  plugin.configResolved?.({ root })
  const id = plugin.resolveId?.(VIRTUAL_ID)
  expect(id).toBeTruthy()
  return plugin.load?.(id!) ?? ''
}

describe('comptoirPlugins', () => {
  it('maps each plugin id to a lazy import of its web entry, skipping packages without one', () => {
    const code = load({ plugins: ['@comptoir/plugin-accounts', '@comptoir/plugin-vendors'] })
    const entry = join(root, 'node_modules', '@comptoir/plugin-accounts', 'web.js')
    expect(code).toContain(`"accounts": () => import(${JSON.stringify(entry)})`)
    expect(code).not.toContain('vendors')
    expect(code).toContain('export default plugins')
  })

  it('discovers plugin packages among the app dependencies when none are listed', () => {
    const code = load()
    expect(code).toContain('"accounts"')
    expect(code).not.toContain('left-pad')
  })

  it('fails loudly on a package that is not a plugin or not installed', () => {
    expect(() => load({ plugins: ['left-pad'] })).toThrow(/comptoir/)
    expect(() => load({ plugins: ['@comptoir/plugin-missing'] })).toThrow(/not installed/)
  })

  it('takes a plugin from a folder outside node_modules', () => {
    const folder = join(root, 'my-plugin')
    mkdirSync(folder, { recursive: true })
    writeFileSync(
      join(folder, 'package.json'),
      JSON.stringify({
        name: 'my-plugin',
        comptoir: { plugin: 'mine' },
        exports: { './web': { solid: './src/web/index.tsx' } },
      }),
    )
    const code = load({ plugins: [folder] })
    expect(code).toContain(`"mine": () => import(${JSON.stringify(join(folder, 'src/web/index.tsx'))})`)
  })

  it('ignores other module ids', () => {
    const plugin = comptoirPlugins({ plugins: [] })
    expect(plugin.resolveId?.('solid-js')).toBeUndefined()
  })
})
