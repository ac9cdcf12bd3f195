/**
 * One CSV row → the body an API client would send for it: cells converted from the file's notation,
 * references by id, address parts gathered, custom fields under `custom`. Cells naming a linked record by
 * its title or number are left for the batch's lookups. On create an empty cell is left out (the field's
 * default applies); on update it empties the field, as the file says.
 * @module
 */
import type { RecordData } from '../entity/define-entity'
import { isUuid } from '../entity/validate'
import { i18nKeys } from '../i18n/keys'
import { translate } from '../i18n/messages'
import type { Locale, Messages } from '../plugin/define-plugin'
import type { EntityModel, ModelField } from '../records/entity-model'
import {
  type CellFormat,
  fold,
  parseBoolean,
  parseDate,
  parseDateTime,
  parseNumber,
  unescapeCell,
} from './cell-values'
import type { CsvColumn } from './csv-columns'
import type { RowError } from './import-job-data'

export interface PlannedColumn {
  index: number
  header: string
  column: CsvColumn
}

/** A cell that names a record or a user by something other than its id. */
export interface PendingLookup {
  /** Field to fill (`owner` for the owner). */
  field: string
  target: string
  value: string
  header: string
}

export interface BuiltRow {
  line: number
  data: RecordData
  lookups: PendingLookup[]
  /** Lookups that matched nothing, for linked records to create (`createMissing`). */
  missing: PendingLookup[]
  errors: RowError[]
}

const NUMERIC = new Set(['decimal', 'money', 'percent'])

/**
 * The stored value when the cell holds the same number written differently (`1234,5` for `1234.50`, as
 * a spreadsheet re-saves it), so that an unchanged amount does not count as a change.
 */
function sameNumber(mf: ModelField, value: unknown, before: RecordData | undefined): unknown {
  if (!before || !NUMERIC.has(mf.def.type) || typeof value !== 'string') return undefined
  const stored = mf.origin === 'custom' ? before.custom?.[mf.jsonKey!] : before[mf.name]
  return stored !== null && stored !== undefined && Number(stored) === Number(value) ? stored : undefined
}

type Converted = { value: unknown } | { error: string; params?: Record<string, unknown> }

export class RowBuilder {
  private readonly options = new Map<string, Map<string, string>>()

  constructor(
    model: EntityModel,
    readonly columns: PlannedColumn[],
    private readonly format: CellFormat,
    messages: Record<Locale, Messages>,
  ) {
    for (const { column } of columns) {
      const mf = column.field
      if (!mf || (mf.def.type !== 'select' && mf.def.type !== 'multiSelect') || this.options.has(mf.name))
        continue
      const codes = new Map<string, string>()
      for (const code of mf.def.options) {
        codes.set(fold(code), code)
        if (mf.origin === 'custom') continue
        const key = i18nKeys.option(mf.plugin, model.entity.name, mf.name, code)
        for (const l of ['fr', 'en'] as const) {
          const label = translate(messages, l, key)
          if (label !== key && !codes.has(fold(label))) codes.set(fold(label), code)
        }
      }
      this.options.set(mf.name, codes)
    }
  }

  build(line: number, cells: string[], op: 'create' | 'update', before?: RecordData): BuiltRow {
    const row: BuiltRow = { line, data: {}, lookups: [], missing: [], errors: [] }
    const refIds = new Set<string>()
    for (const { index, header, column } of this.columns) {
      const raw = unescapeCell(cells[index] ?? '')
      const empty = raw.trim() === ''
      if (column.kind === 'refId' && !empty) refIds.add(column.field!.name)
      if (column.kind === 'ownerId' && !empty) refIds.add('owner')
      if (empty && op === 'create') continue
      switch (column.kind) {
        case 'value': {
          const mf = column.field!
          if (mf.def.type === 'computed') break
          const r = this.convert(mf, raw)
          if ('error' in r)
            row.errors.push({
              line,
              column: header,
              field: mf.name,
              code: r.error,
              ...(r.params ? { params: r.params } : {}),
            })
          else this.put(row.data, mf, sameNumber(mf, r.value, before) ?? r.value)
          break
        }
        case 'part': {
          const name = column.field!.name
          row.data[name] ??= op === 'update' ? { ...(before?.[name] ?? {}) } : {}
          row.data[name][column.part!] = raw.trim() === '' ? null : raw
          break
        }
        case 'refId':
        case 'ownerId': {
          const name = column.kind === 'ownerId' ? 'owner' : column.field!.name
          if (column.field?.def.type === 'parent') {
            row.data[name] = empty ? null : { ...(row.data[name] ?? {}), id: raw.trim() }
          } else row.data[name] = empty ? null : raw.trim()
          break
        }
        case 'parentEntity':
          row.data[column.field!.name] = empty
            ? null
            : { ...(row.data[column.field!.name] ?? {}), entity: raw.trim() }
          break
        case 'ref':
        case 'owner': {
          const name = column.kind === 'owner' ? 'owner' : column.field!.name
          const def = column.field?.def
          if (def?.type === 'parent') break
          if (empty) {
            if (!(name in row.data)) row.data[name] = null
          } else if (isUuid(raw.trim())) row.data[name] = raw.trim().toLowerCase()
          else {
            const target = def?.type === 'belongsTo' ? def.target : 'core.user'
            row.lookups.push({ field: name, target, value: raw.trim(), header })
          }
          break
        }
        default:
          break
      }
    }
    // An id column wins over a title column of the same reference.
    if (refIds.size) row.lookups = row.lookups.filter((l) => !refIds.has(l.field))
    for (const l of row.lookups) delete row.data[l.field]
    return row
  }

  private put(data: RecordData, mf: ModelField, value: unknown): void {
    if (mf.origin === 'custom') {
      data.custom ??= {}
      data.custom[mf.jsonKey!] = value
    } else data[mf.name] = value
  }

  private convert(mf: ModelField, raw: string): Converted {
    const s = raw.trim()
    if (s === '') return { value: mf.def.type === 'multiSelect' ? [] : null }
    switch (mf.def.type) {
      case 'integer':
      case 'decimal':
      case 'money':
      case 'percent': {
        const n = parseNumber(s, this.format.decimal)
        if (n === null) return { error: 'import_invalid_number' }
        return { value: mf.def.type === 'integer' && /^-?\d{1,10}$/.test(n) ? Number(n) : n }
      }
      case 'date': {
        const d = parseDate(s, this.format.dateOrder)
        return d === null
          ? { error: 'import_invalid_date', params: { format: this.format.dateOrder } }
          : { value: d }
      }
      case 'datetime': {
        const d = parseDateTime(s, this.format.dateOrder)
        return d === null
          ? { error: 'import_invalid_datetime', params: { format: this.format.dateOrder } }
          : { value: d }
      }
      case 'boolean': {
        const b = parseBoolean(s)
        return b === null ? { error: 'type_boolean' } : { value: b }
      }
      case 'select': {
        const code = this.options.get(mf.name)?.get(fold(s))
        return code === undefined
          ? { error: 'invalid_option', params: { options: mf.def.options } }
          : { value: code }
      }
      case 'multiSelect': {
        const codes = s
          .split(/[;,]/)
          .map((x) => x.trim())
          .filter(Boolean)
          .map((x) => this.options.get(mf.name)?.get(fold(x)))
        if (codes.some((c) => c === undefined))
          return { error: 'invalid_option', params: { options: mf.def.options } }
        return { value: codes }
      }
      default:
        return { value: raw }
    }
  }
}
