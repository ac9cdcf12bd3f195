/**
 * Labels of plugins, entities, fields and options, read from the bootstrap's messages.
 * @module
 */
import type { Locale } from '../../plugin/define-plugin'
import type { Bootstrap, EntityMeta, FieldMeta } from '../../records/metadata-types'
import { humanize } from './translator'

export interface Labels {
  /** A message of the bootstrap, or a readable form of its key. */
  msg(key: string | undefined): string
  entity(meta: EntityMeta): string
  entityPlural(meta: EntityMeta): string
  field(meta: FieldMeta): string
  option(meta: FieldMeta, value: string): string
}

export function createLabels(bootstrap: Bootstrap, locale: Locale): Labels {
  const messages = bootstrap.messages ?? {}
  const msg = (key: string | undefined) =>
    key ? (messages[key] ?? (key.includes(':') ? humanize(key) : key)) : ''
  return {
    msg,
    entity: (m) => msg(m.label),
    entityPlural: (m) => msg(m.labelPlural),
    field: (f) => (f.labels ? (f.labels[locale] ?? f.labels.fr ?? f.labels.en ?? f.name) : msg(f.label)),
    option: (f, value) => {
      const o = f.options?.find((x) => x.value === value)
      return o ? msg(o.label) : value
    },
  }
}
