/**
 * The web shell's initial JavaScript: the entry chunk of `apps/web/dist/index.html` and every chunk it
 * imports statically, transitively (dynamic `import()`s load later and are not counted), gzipped as
 * Vite reports it.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Report } from '../report/report'

const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[^"'()]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g

export interface ShellJs {
  files: string[]
  rawBytes: number
  gzipBytes: number
}

export function shellJs(dist: string): ShellJs {
  const html = readFileSync(join(dist, 'index.html'), 'utf8')
  const entry = /<script[^>]+type="module"[^>]+src="\/?([^"]+)"/.exec(html)
  if (!entry) throw new Error(`No module script in ${dist}/index.html`)
  const seen = new Set<string>()
  const visit = (rel: string) => {
    if (seen.has(rel)) return
    seen.add(rel)
    const code = readFileSync(join(dist, rel), 'utf8')
    const dir = rel.slice(0, rel.lastIndexOf('/') + 1)
    for (const m of code.matchAll(STATIC_IMPORT)) visit(new URL(m[1], `file:///${dir}`).pathname.slice(1))
  }
  visit(entry[1])
  let rawBytes = 0
  let gzipBytes = 0
  for (const f of seen) {
    const b = readFileSync(join(dist, f))
    rawBytes += b.length
    gzipBytes += gzipSync(b).length
  }
  return { files: [...seen], rawBytes, gzipBytes }
}

export function measureShellJs(report: Report, dist: string): void {
  if (!existsSync(join(dist, 'index.html'))) {
    report.note(`Web shell not measured: ${dist}/index.html is missing (run the build first).`)
    return
  }
  const s = shellJs(dist)
  const kb = s.gzipBytes / 1024
  report.metric('shell_js_kb_gz', kb)
  report.metric('shell_js_chunks', s.files.length)
  report.row({
    measure: 'Web shell initial JS (entry + static imports)',
    comptoir: `${kb.toFixed(1)} kB gz (${(s.rawBytes / 1024).toFixed(0)} kB raw, ${s.files.length} chunks)`,
    floor: '—',
    ratio: '—',
  })
  report.budget('shell JS, kB gz', kb, '<=', 120)
}
