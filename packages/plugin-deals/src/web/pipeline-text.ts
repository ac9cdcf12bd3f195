/**
 * The pipeline's messages: the deals plugin's keys (`pipeline.title`) in the user's language, with
 * `{param}` placeholders. A numeric `n` picks the plural form (`pipeline.count.one`, `.other`).
 * @module
 */

export type PipelineText = (key: string, params?: Record<string, string | number>) => string

/** Builds the lookup from a message source such as the bootstrap's (`deals:pipeline.title`). */
export function pipelineText(message: (key: string) => string | undefined, locale: string): PipelineText {
  const plural = new Intl.PluralRules(locale)
  return (key, params = {}) => {
    const n = params.n
    const form = typeof n === 'number' ? message(`deals:${key}.${plural.select(n)}`) : undefined
    const text = form ?? message(`deals:${key}.other`) ?? message(`deals:${key}`) ?? key
    return text.replace(/\{(\w+)\}/g, (m, p: string) => (params[p] === undefined ? m : String(params[p])))
  }
}
