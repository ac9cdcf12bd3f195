/**
 * The Unicode font every PDF embeds (DejaVu Sans: Latin Extended, Greek, Cyrillic…; pdf-lib's standard
 * fonts throw on "Łódź"). The font files are read once per process; each document embeds a subset.
 * @module
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

let cache: { regular: Uint8Array; bold: Uint8Array } | undefined

export function fontBytes(): { regular: Uint8Array; bold: Uint8Array } {
  if (!cache) {
    const require = createRequire(import.meta.url)
    const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')
    cache = {
      regular: readFileSync(join(dir, 'DejaVuSans.ttf')),
      bold: readFileSync(join(dir, 'DejaVuSans-Bold.ttf')),
    }
  }
  return cache
}
