/**
 * The columns of an entity in a CSV file, shared by export (which writes them) and import (which
 * recognises them): one column per plain field, a title and an id column per reference, one column per
 * address part, the owner, and the record id. Headers are the field labels in the user's language, so a
 * file exported in French or English comes back in either.
 * @module
 */
import { ADDRESS_PARTS } from '../entity/fields'
import { i18nKeys } from '../i18n/keys'
import { translate } from '../i18n/messages'
import type { Locale, Messages } from '../plugin/define-plugin'
import type { EntityModel, ModelField } from '../records/entity-model'
import { fold } from './cell-values'

export type ColumnKind =
  | 'id'
  | 'value'
  | 'ref'
  | 'refId'
  | 'part'
  | 'parentEntity'
  | 'owner'
  | 'ownerId'
  | 'meta'

export interface CsvColumn {
  /** Mapping key: `id`, `lastName`, `company`, `company.id`, `address.city`, `custom.rating`, `owner.id`. */
  key: string
  kind: ColumnKind
  field?: ModelField
  part?: string
  headers: Record<Locale, string>
}

const LOCALES: Locale[] = ['fr', 'en']

function each(fn: (l: Locale) => string): Record<Locale, string> {
  return { fr: fn('fr'), en: fn('en') }
}

/** The label of a field in `locale`; its name when no plugin message names it. */
export function fieldLabel(
  model: EntityModel,
  mf: ModelField,
  messages: Record<Locale, Messages>,
  locale: Locale,
): string {
  if (mf.origin === 'custom') return mf.labels?.[locale] || mf.jsonKey!
  const key = i18nKeys.field(mf.plugin, model.entity.name, mf.name)
  const label = translate(messages, locale, key)
  return label === key ? mf.name : label
}

function columnsOfField(model: EntityModel, mf: ModelField, messages: Record<Locale, Messages>): CsvColumn[] {
  const label = each((l) => fieldLabel(model, mf, messages, l))
  const part = (p: string) => each((l) => `${label[l]} (${translate(messages, l, `core:import.part.${p}`)})`)
  const t = mf.def.type
  if (t === 'belongsTo' || t === 'user') {
    return [
      { key: mf.name, kind: 'ref', field: mf, headers: label },
      { key: `${mf.name}.id`, kind: 'refId', field: mf, headers: part('id') },
    ]
  }
  if (t === 'parent') {
    return [
      { key: mf.name, kind: 'ref', field: mf, headers: label },
      { key: `${mf.name}.entity`, kind: 'parentEntity', field: mf, headers: part('entity') },
      { key: `${mf.name}.id`, kind: 'refId', field: mf, headers: part('id') },
    ]
  }
  if (t === 'address') {
    return ADDRESS_PARTS.map((p) => ({
      key: `${mf.name}.${p}`,
      kind: 'part' as const,
      field: mf,
      part: p,
      headers: part(p),
    }))
  }
  return [{ key: mf.name, kind: 'value', field: mf, headers: label }]
}

/** Every column of the entity as the user sees it; `names` narrows to the given fields (the list's `fields=`). */
export function csvColumns(
  model: EntityModel,
  messages: Record<Locale, Messages>,
  names?: string[],
): CsvColumn[] {
  const wanted = (mf: ModelField) =>
    !names || names.includes(mf.name) || (mf.origin === 'custom' && names.includes(mf.jsonKey!))
  const out: CsvColumn[] = [{ key: 'id', kind: 'id', headers: { fr: 'id', en: 'id' } }]
  for (const mf of model.fields.values()) if (wanted(mf)) out.push(...columnsOfField(model, mf, messages))
  if (model.entity.ownership !== 'none' && (!names || names.includes('owner'))) {
    const owner = each((l) => translate(messages, l, 'core:field.owner'))
    out.push({ key: 'owner', kind: 'owner', headers: owner })
    out.push({
      key: 'owner.id',
      kind: 'ownerId',
      headers: each((l) => `${owner[l]} (${translate(messages, l, 'core:import.part.id')})`),
    })
  }
  for (const meta of ['createdAt', 'updatedAt']) {
    if (!names || names.includes(meta)) {
      out.push({
        key: meta,
        kind: 'meta',
        headers: each((l) => translate(messages, l, `core:field.${meta}`)),
      })
    }
  }
  return out
}

/**
 * Folded spellings under which a column is recognised in a header row: its key, its field name and its
 * header in every language. With a single address field, its part names alone (`Ville`, `Code postal`) and
 * its label alone (the street) are recognised too.
 */
export function columnAliases(
  columns: CsvColumn[],
  messages: Record<Locale, Messages>,
): Map<string, CsvColumn> {
  const aliases = new Map<string, CsvColumn>()
  const add = (s: string, c: CsvColumn) => {
    const k = fold(s)
    if (k && !aliases.has(k)) aliases.set(k, c)
  }
  for (const c of columns) add(c.key, c)
  for (const c of columns) for (const l of LOCALES) add(c.headers[l], c)
  const addressFields = new Set(columns.filter((c) => c.kind === 'part').map((c) => c.field!.name))
  if (addressFields.size === 1) {
    for (const c of columns) {
      if (c.kind !== 'part') continue
      for (const l of LOCALES) add(translate(messages, l, `core:import.part.${c.part}`), c)
      if (c.part === 'street') for (const l of LOCALES) add(c.headers[l].replace(/\s*\([^)]*\)$/, ''), c)
    }
  }
  return aliases
}

/** Export headers in `locale`, made unique: a header two columns share falls back to the column key. */
export function uniqueHeaders(columns: CsvColumn[], locale: Locale): string[] {
  const seen = new Map<string, number>()
  for (const c of columns) seen.set(fold(c.headers[locale]), (seen.get(fold(c.headers[locale])) ?? 0) + 1)
  return columns.map((c) => (seen.get(fold(c.headers[locale]))! > 1 ? c.key : c.headers[locale]))
}
