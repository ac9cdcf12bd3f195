/**
 * Core UI messages with `{name}` parameters and plural forms (`key.one` / `key.other`), plus the labels of
 * plugins and entities that come with the bootstrap (`contacts:field.contact.lastName`).
 * @module
 */
import type { Locale } from '../../plugin/define-plugin'
import type { fr } from './fr'

export type MessageKey = keyof typeof fr
export type Params = Record<string, string | number>

export interface Translator {
  locale: Locale
  t(key: MessageKey, params?: Params): string
  /** Picks `<key>.one` or `<key>.other` by `n`, which is also passed as `{n}` (already formatted if given). */
  plural(key: string, n: number, params?: Params): string
}

export function interpolate(text: string, params?: Params): string {
  if (!params) return text
  return text.replace(/\{(\w+)\}/g, (all, name: string) => (name in params ? String(params[name]) : all))
}

export function createTranslator(locale: Locale, messages: Record<string, string>): Translator {
  const rules = new Intl.PluralRules(locale === 'en' ? 'en-GB' : 'fr-FR')
  return {
    locale,
    t: (key, params) => interpolate(messages[key] ?? key, params),
    plural: (key, n, params) => {
      const form = rules.select(n) === 'one' ? 'one' : 'other'
      return interpolate(messages[`${key}.${form}`] ?? messages[`${key}.other`] ?? key, { n, ...params })
    },
  }
}

/** Last segment of a message key made readable: `contacts:field.contact.lastName` → `Last name`. */
export function humanize(key: string): string {
  const last = key.split(/[.:]/).pop() ?? key
  const words = last
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]/g, ' ')
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
