/**
 * The plugin's own messages in the page's language (the shell keeps `<html lang>` in step with the
 * user's setting), with `{param}` placeholders.
 * @module
 */
import en from '../i18n/en.json'
import fr from '../i18n/fr.json'

export function t(key: string, params: Record<string, unknown> = {}): string {
  const messages: Record<string, string> = globalThis.document?.documentElement.lang === 'en' ? en : fr
  const text = messages[key] ?? key
  return text.replace(/\{(\w+)\}/g, (m, p: string) => (params[p] === undefined ? m : String(params[p])))
}
