/** A download file name from a record title: no path separators or control characters, ASCII fallback. */
export function safeFileName(title: string): { utf8: string; ascii: string } {
  let utf8 = ''
  for (const ch of title) utf8 += ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch
  utf8 = utf8.trim().slice(0, 120) || 'document'
  const ascii =
    utf8
      .normalize('NFD')
      .replace(/[^ -~]/g, '')
      .replace(/["\\]/g, '_')
      .trim() || 'document'
  return { utf8, ascii }
}
