/**
 * The user's language for core messages and `Intl` formats. Before login it follows the browser;
 * after, the user's setting from the bootstrap.
 * @module
 */
import { type Accessor, createContext, createMemo, createSignal, type JSX, useContext } from 'solid-js'
import type { Locale } from '../../plugin/define-plugin'
import { en } from '../i18n/en'
import { createFormatter, type Formatter } from '../i18n/format'
import { fr } from '../i18n/fr'
import { createTranslator, type Translator } from '../i18n/translator'

export interface I18n {
  locale: Accessor<Locale>
  setLocale(locale: Locale): void
  setCurrency(currency: string): void
  t: Translator['t']
  plural: Translator['plural']
  fmt: Accessor<Formatter>
}

const I18nContext = createContext<I18n>()

const STORAGE_KEY = 'comptoir.locale'

function initialLocale(): Locale {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY)
  if (stored === 'fr' || stored === 'en') return stored
  return globalThis.navigator?.language?.toLowerCase().startsWith('en') ? 'en' : 'fr'
}

export function I18nProvider(props: { locale?: Locale; children: JSX.Element }) {
  const [locale, setLocaleSignal] = createSignal<Locale>(props.locale ?? initialLocale())
  const [currency, setCurrency] = createSignal('EUR')
  const translator = createMemo(() => createTranslator(locale(), locale() === 'en' ? en : fr))
  const fmt = createMemo(() => createFormatter(locale(), currency()))
  const setLocale = (l: Locale) => {
    setLocaleSignal(l)
    globalThis.localStorage?.setItem(STORAGE_KEY, l)
    if (typeof document !== 'undefined') document.documentElement.lang = l
  }
  const value: I18n = {
    locale,
    setLocale,
    setCurrency,
    t: (key, params) => translator().t(key, params),
    plural: (key, n, params) => translator().plural(key, n, params),
    fmt,
  }
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext)
  if (!ctx) throw new Error('useI18n() needs an <I18nProvider>')
  return ctx
}
