import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findSamples, unmarkedCode } from '../src/doc-samples'
import { examplesDir, guideDir } from '../src/paths'

const pages = readdirSync(guideDir).filter((f) => f.endsWith('.md'))

describe('finding code blocks no test compiles', () => {
  it('flags an unmarked TypeScript block and a block without a language, not shell commands or text', () => {
    const md = [
      '```ts',
      'definePlugin({})',
      '```',
      '```',
      'f(x)',
      '```',
      '```sh',
      'npm start',
      '```',
      '```text',
      'a/',
      '```',
    ]
    expect(unmarkedCode(md.join('\n'))).toEqual([1, 4])
    expect(
      unmarkedCode(['<!-- example: visits/src/manifest.ts -->', '```ts', 'x', '```'].join('\n')),
    ).toEqual([])
  })
})

describe('the plugin guide', () => {
  it('has its pages', () => {
    expect(pages.sort()).toEqual(
      [
        'README.md',
        'concepts.md',
        'publishing.md',
        'reference.md',
        'testing.md',
        'versioning.md',
        'walkthrough.md',
      ].sort(),
    )
  })

  for (const page of pages) {
    describe(page, () => {
      const markdown = readFileSync(join(guideDir, page), 'utf8')

      it('shows each example file exactly as it is (pnpm --filter @comptoir/plugin-kit-tests docs:sync)', () => {
        for (const s of findSamples(markdown)) {
          const file = join(examplesDir, s.file)
          expect(existsSync(file), `${page}:${s.line} ${s.file}`).toBe(true)
          expect(s.code, `${page}:${s.line} ${s.file}`).toBe(readFileSync(file, 'utf8').replace(/\n$/, ''))
        }
      })

      it('has no code sample that is not an example file (only sh commands and text layouts stand alone)', () => {
        expect(unmarkedCode(markdown), `${page}: lines of unmarked code blocks`).toEqual([])
      })

      it('links only to files that exist', () => {
        const links = [...markdown.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1])
        for (const link of links.filter((l) => !/^[a-z]+:/.test(l)))
          expect(existsSync(join(dirname(join(guideDir, page)), link)), `${page} → ${link}`).toBe(true)
      })
    })
  }
})
