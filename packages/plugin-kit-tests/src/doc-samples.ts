/**
 * Code samples in the guide are copies of real files under `docs/plugins/examples/`, each announced by a
 * marker line `<!-- example: visits/src/manifest.ts -->` right before its fenced block. These functions find
 * them, and rewrite the blocks from the files.
 * @module
 */

export interface Sample {
  /** Path under `docs/plugins/examples/`. */
  file: string
  /** The fenced block's content, without the fences. */
  code: string
  line: number
}

const MARKER = /^<!-- example: (\S+) -->$/
const FENCE = /^```/

/** Each marked sample of a markdown text. A marker not followed by a fenced block is an error. */
export function findSamples(markdown: string): Sample[] {
  const lines = markdown.split('\n')
  const out: Sample[] = []
  for (let i = 0; i < lines.length; i++) {
    const m = MARKER.exec(lines[i])
    if (!m) continue
    if (!FENCE.test(lines[i + 1] ?? ''))
      throw new Error(`line ${i + 1}: "${m[1]}" is not followed by a code block`)
    const end = lines.findIndex((l, j) => j > i + 1 && FENCE.test(l))
    if (end < 0) throw new Error(`line ${i + 2}: unclosed code block`)
    out.push({ file: m[1], code: lines.slice(i + 2, end).join('\n'), line: i + 1 })
  }
  return out
}

/**
 * Fenced blocks without a marker: samples no test would compile. Only shell commands (`sh`) and plain text
 * such as a folder layout (`text`) may stand without one; a block with no language is flagged too.
 */
export function unmarkedCode(markdown: string): number[] {
  const lines = markdown.split('\n')
  const out: number[] = []
  let open = false
  for (let i = 0; i < lines.length; i++) {
    if (!FENCE.test(lines[i])) continue
    if (!open && !/^```(sh|text)\s*$/.test(lines[i]) && !MARKER.test(lines[i - 1] ?? '')) out.push(i + 1)
    open = !open
  }
  return out
}

const LANG: Record<string, string> = { ts: 'ts', tsx: 'tsx', json: 'json', sql: 'sql' }

/** The markdown with every marked block replaced by the current content of its file. */
export function syncSamples(markdown: string, read: (file: string) => string): string {
  const lines = markdown.split('\n')
  const out: string[] = []
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i])
    const m = MARKER.exec(lines[i])
    if (!m || !FENCE.test(lines[i + 1] ?? '')) continue
    const end = lines.findIndex((l, j) => j > i + 1 && FENCE.test(l))
    const ext = m[1].slice(m[1].lastIndexOf('.') + 1)
    out.push(`\`\`\`${LANG[ext] ?? ''}`, read(m[1]).replace(/\n$/, ''), '```')
    i = end
  }
  return out.join('\n')
}
