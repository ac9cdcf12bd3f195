/**
 * The cells of an export, written straight from the database rows. For each CSV column, a function from
 * the row (snake_case columns, as the driver returns them) to the cell's final text — amounts with the
 * flavour's decimal separator (no thousands separator, so spreadsheets read them as numbers), dates in
 * French or ISO form, yes/no words, option labels, references as title plus id, text defused against
 * formulas, quoted — decided once per export from the field's type, so that a row costs one call per
 * column and no intermediate object.
 * @module
 */
import type { Row } from '../db/database'
import { columnsOf } from '../entity/columns'
import { i18nKeys } from '../i18n/keys'
import { translate } from '../i18n/messages'
import type { CsvColumn } from '../import/csv-columns'
import { formatWall } from '../import/wall-clock'
import type { Locale, Messages } from '../plugin/define-plugin'
import { type EntityModel, iso, type ModelField } from '../records/entity-model'
import { type CsvFlavour, protect, quoter } from './csv-writer'

/** Titles of the references of the rows being written: per reference field (`owner` for the owner), by id. */
export type PageTitles = ReadonlyMap<string, ReadonlyMap<string, string>>

export type CellWriter = (row: Row, titles: PageTitles) => string

export interface CellWriterOptions {
  model: EntityModel
  flavour: CsvFlavour
  messages: Record<Locale, Messages>
  locale: Locale
}

/** The types whose cells are numbers, written with the flavour's decimal separator. */
export const NUMBER_TYPES = new Set(['integer', 'decimal', 'money', 'percent'])
const NONE: ReadonlyMap<string, string> = new Map()

/** Key of a parent reference in its field's titles: the same id could in principle name two entities. */
export function parentKey(entity: string, id: string): string {
  return `${entity}:${id}`
}

/** The table columns a cell of `column` reads. */
export function columnsRead(column: CsvColumn): string[] {
  switch (column.kind) {
    case 'id':
      return ['id']
    case 'owner':
    case 'ownerId':
      return ['owner_id']
    case 'meta':
      return [column.key === 'createdAt' ? 'created_at' : 'updated_at']
    case 'value':
      if (column.field!.origin !== 'entity') return ['custom']
      return [columnsOf(column.field!.name, column.field!.def)[0].column]
    default:
      return columnsOf(column.field!.name, column.field!.def).map((c) => c.column)
  }
}

/** The type a field's cells are written as: a computed field's result type (money as a decimal). */
export function cellType(mf: ModelField): string {
  const d = mf.def
  return d.type === 'computed' ? (d.resultType === 'money' ? 'decimal' : d.resultType) : d.type
}

/** The words a boolean cell shows: in the user's language in local files, else `true` and `false`. */
export function booleanWords(o: CellWriterOptions): { yes: string; no: string } {
  if (!o.flavour.localDates) return { yes: 'true', no: 'false' }
  return {
    yes: translate(o.messages, o.locale, 'core:import.yes'),
    no: translate(o.messages, o.locale, 'core:import.no'),
  }
}

/** Whether a field's options are written by label (local files, entity fields) rather than by code. */
export function labelsShown(mf: ModelField, o: CellWriterOptions): boolean {
  return o.flavour.labels && mf.origin !== 'custom'
}

/** An option's label in the export's language, or its code when it has none. */
export function optionText(mf: ModelField, o: CellWriterOptions, code: string): string {
  const key = i18nKeys.option(mf.plugin, o.model.entity.name, mf.name, code)
  const text = translate(o.messages, o.locale, key)
  return text === key ? code : text
}

/** A field value (as the driver or the `custom` jsonb gives it, never null) → the cell's text, unquoted. */
function valueText(mf: ModelField, o: CellWriterOptions): (v: any) => string {
  const { flavour } = o
  const type = cellType(mf)
  if (NUMBER_TYPES.has(type)) {
    return flavour.decimal === ',' ? (v) => String(v).replace('.', ',') : (v) => String(v)
  }
  const custom = mf.origin !== 'entity'
  switch (type) {
    case 'date':
      return flavour.localDates
        ? (v) => {
            const s = String(v)
            return `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`
          }
        : (v) => String(v)
    case 'datetime':
      // Stored instants are shown as the API shows them: ISO 8601 in UTC (custom values as stored).
      if (custom) return flavour.localDates ? (v) => formatWall(new Date(String(v))) : (v) => String(v)
      return flavour.localDates ? (v) => formatWall(new Date(iso(v)!)) : (v) => iso(v)!
    case 'boolean': {
      const { yes, no } = booleanWords(o)
      return (v) => (v ? yes : no)
    }
    case 'select': {
      const label = optionLabel(mf, o)
      return (v) => protect(label(String(v)))
    }
    case 'multiSelect': {
      const label = optionLabel(mf, o)
      return (v: string[]) => protect(v.map(label).join(', '))
    }
    case 'file':
      // The file's id, which an import takes back.
      return custom ? (v) => protect(String(v)) : (v) => String(v)
    default:
      return (v) => protect(String(v))
  }
}

/** An option's label in the export's language (its code in RFC 4180 files and for custom fields). */
function optionLabel(mf: ModelField, o: CellWriterOptions): (code: string) => string {
  if (!labelsShown(mf, o)) return (code) => code
  const labels = new Map<string, string>()
  return (code) => {
    let label = labels.get(code)
    if (label === undefined) {
      label = optionText(mf, o, code)
      labels.set(code, label)
    }
    return label
  }
}

/** The writer of one column's cells, quoting included. */
export function cellWriter(column: CsvColumn, o: CellWriterOptions): CellWriter {
  const quote = quoter(o.flavour.delimiter)
  const mf = column.field
  const cols = columnsRead(column)
  switch (column.kind) {
    case 'id':
      return (row) => row.id
    case 'ownerId':
      return (row) => row.owner_id ?? ''
    case 'owner':
      return (row, titles) => {
        const id = row.owner_id
        return id ? quote(protect((titles.get('owner') ?? NONE).get(id) ?? '')) : ''
      }
    case 'meta': {
      const col = cols[0]
      const datetime = o.flavour.localDates ? (v: unknown) => formatWall(new Date(iso(v)!)) : iso
      return (row) => (row[col] ? quote(datetime(row[col])!) : '')
    }
    case 'value': {
      const text = valueText(mf!, o)
      const write = (v: unknown) => (v === null || v === undefined ? '' : quote(text(v)))
      if (mf!.origin !== 'entity') {
        const key = mf!.jsonKey!
        return (row) => write(row.custom?.[key])
      }
      const col = cols[0]
      if (mf!.def.type === 'multiSelect') return (row) => write(row[col] ?? [])
      return (row) => write(row[col])
    }
    case 'part': {
      const col = cols[columnsOf(mf!.name, mf!.def).findIndex((c) => c.part === column.part)]
      return (row) => quote(protect(row[col] ?? ''))
    }
    case 'parentEntity': {
      const [entityCol, idCol] = cols
      return (row) => (row[entityCol] && row[idCol] ? quote(row[entityCol]) : '')
    }
    case 'refId': {
      if (mf!.def.type === 'parent') {
        const [entityCol, idCol] = cols
        return (row) => (row[entityCol] && row[idCol] ? row[idCol] : '')
      }
      const col = cols[0]
      return (row) => row[col] ?? ''
    }
    case 'ref': {
      const name = mf!.name
      if (mf!.def.type === 'parent') {
        const [entityCol, idCol] = cols
        return (row, titles) => {
          const e = row[entityCol]
          const id = row[idCol]
          if (!e || !id) return ''
          return quote(protect((titles.get(name) ?? NONE).get(parentKey(e, id)) ?? ''))
        }
      }
      const col = cols[0]
      return (row, titles) => {
        const id = row[col]
        return id ? quote(protect((titles.get(name) ?? NONE).get(id) ?? '')) : ''
      }
    }
  }
}
