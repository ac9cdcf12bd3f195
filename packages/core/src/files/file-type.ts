/**
 * What an uploaded file is: its media type read from its first bytes for the formats a browser shows
 * (never trusting the declared type for those), whether it may be shown inline, and whether it matches a
 * file field's `accept` list (`image/*`, `application/pdf`, `.pdf`).
 * @module
 */

/** Types served inline; everything else is a download. */
export const INLINE_TYPES: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
])

const starts = (head: Uint8Array, bytes: number[], at = 0) => bytes.every((b, i) => head[at + i] === b)
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0))

function sniff(head: Uint8Array): string | null {
  if (starts(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (starts(head, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (starts(head, ascii('GIF87a')) || starts(head, ascii('GIF89a'))) return 'image/gif'
  if (starts(head, ascii('RIFF')) && starts(head, ascii('WEBP'), 8)) return 'image/webp'
  if (starts(head, ascii('%PDF-'))) return 'application/pdf'
  return null
}

/**
 * The media type to record: the sniffed one for the inline formats; otherwise the declared type when it is
 * well formed and does not claim an inline format the bytes are not; else `application/octet-stream`.
 */
export function mediaType(head: Uint8Array, declared: string | undefined): string {
  const sniffed = sniff(head)
  if (sniffed) return sniffed
  const d = (declared ?? '').toLowerCase()
  if (/^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/.test(d) && !INLINE_TYPES.has(d))
    return d
  return 'application/octet-stream'
}

/** Whether a file of type `mime` named `name` satisfies `accept` (empty: anything). */
export function accepts(accept: readonly string[], mime: string, name: string): boolean {
  if (!accept.length) return true
  const lower = name.toLowerCase()
  return accept.some((a) => {
    const x = a.trim().toLowerCase()
    if (x.startsWith('.')) return lower.endsWith(x)
    if (x.endsWith('/*')) return mime.startsWith(x.slice(0, -1))
    return mime === x
  })
}

/** A stored file name: the last path segment, no control characters, at most 200 characters. */
export function cleanFileName(raw: string | undefined): string {
  const last = (raw ?? '').split(/[\\/]/).pop() ?? ''
  let out = ''
  for (const ch of last) out += ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? '' : ch
  out = out.trim().slice(0, 200)
  return out && out !== '.' && out !== '..' ? out : 'fichier'
}
