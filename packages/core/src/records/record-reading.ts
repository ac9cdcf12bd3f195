/**
 * Rows read into API records: a reader per visible field, and for each list of fields asked for, the
 * record's layout made at once (see `RecordLayout`). One per way of seeing an entity, kept with its model.
 * @module
 */
import { type ColumnSpec, columnsOf } from '../entity/columns'
import type { ModelField } from './entity-model'

/** An entity field's table columns (worked out once per model where it can be). */
export function specsOf(mf: ModelField): ColumnSpec[] {
  return mf.columns ?? columnsOf(mf.name, mf.def)
}

/** Copies one field from a row into the API record (`custom` and `stored`: the custom values, out and in). */
interface FieldReader {
  name: string
  /** The name without its `custom.` prefix, which `toJson`'s field list may use too. */
  bare: string
  /** The record's key it sets; none for a custom field, which goes under `custom`. */
  key?: string
  /** A column it reads only when the row has it, leaving the key out otherwise. */
  optional?: string
  read(
    row: Record<string, any>,
    out: Record<string, any>,
    custom: Record<string, unknown>,
    stored: Record<string, unknown>,
  ): void
}

function readerOf(mf: ModelField): FieldReader {
  const name = mf.name
  const reader = (read: FieldReader['read'], optional?: string): FieldReader => ({
    name,
    bare: name.replace(/^custom\./, ''),
    key: mf.origin === 'custom' ? undefined : name,
    optional,
    read,
  })
  const key = mf.jsonKey!
  if (mf.origin === 'custom')
    return reader((_row, _out, custom, stored) => {
      custom[key] = stored[key] ?? null
    })
  if (mf.origin === 'ext')
    return reader((_row, out, _custom, stored) => {
      out[name] = stored[key] ?? null
    })
  const specs = specsOf(mf)
  const d = mf.def
  const column = specs[0].column
  if (d.type === 'belongsTo' || d.type === 'user' || d.type === 'file')
    return reader((row, out) => {
      const v = row[column]
      out[name] = v ? { id: v } : null
    })
  if (d.type === 'parent') {
    const idColumn = specs[1].column
    return reader((row, out) => {
      const e = row[column]
      const id = row[idColumn]
      out[name] = e && id ? { entity: e, id } : null
    })
  }
  if (d.type === 'address')
    return reader((row, out) => {
      const a: Record<string, string | null> = {}
      for (const s of specs) a[s.part!] = row[s.column] ?? null
      out[name] = a
    })
  if (d.type === 'datetime')
    return reader((row, out) => {
      out[name] = iso(row[column])
    })
  const empty = d.type === 'multiSelect'
  return reader((row, out) => {
    if (column in row) out[name] = row[column] ?? (empty ? [] : null)
  }, column)
}

/** The keys every API record starts with, in their order. */
const RECORD_KEYS = [
  'id',
  'version',
  '_title',
  'owner',
  'team',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
]
const LAYOUTS_PER_SHAPE = 64

/**
 * An API record's keys made at once, for one list of fields. A record had its fields added one by one
 * under names known only at run time, and past a dozen of them V8 turned it into a hash table: three
 * times the memory, and slower to read and to write out as JSON. Made by an object literal of every key
 * (each `undefined` until set), it keeps one layout, shared by all records of that list.
 */
interface RecordLayout {
  readers: FieldReader[]
  /** Columns read only when the row has them: a row without one of them takes the key-by-key way. */
  optional: string[]
  make: () => Record<string, any>
  /** The same, with `deletedAt` after the keys every record starts with. */
  makeTrashed: () => Record<string, any>
}

function recordLayout(readers: FieldReader[], names: string[] | undefined): RecordLayout | null {
  const chosen = names ? readers.filter((r) => names.includes(r.name) || names.includes(r.bare)) : readers
  const keys = new Set<string>(RECORD_KEYS)
  for (const r of chosen) if (r.key) keys.add(r.key)
  keys.add('custom')
  // `__proto__` in an object literal sets the prototype rather than a key.
  if (keys.has('__proto__') || keys.has('deletedAt')) return null
  const literal = (k: string[]) =>
    new Function(
      `return { ${k.map((key) => `${JSON.stringify(key)}: undefined`).join(', ')} }`,
    ) as () => Record<string, any>
  const all = [...keys]
  return {
    readers: chosen,
    optional: chosen.flatMap((r) => (r.optional ? [r.optional] : [])),
    make: literal(all),
    makeTrashed: literal([...RECORD_KEYS, 'deletedAt', ...all.slice(RECORD_KEYS.length)]),
  }
}

export class RecordReading {
  private readonly readers: FieldReader[]
  /** The record's layout for each list of fields `toJson` was given (`''`: all of them). */
  private readonly layouts = new Map<string, RecordLayout | null>()

  /** `fields`: the model's visible fields, in their order. */
  constructor(fields: ModelField[]) {
    this.readers = fields.map(readerOf)
  }

  /** Row (snake_case) → API JSON, references as `{ id }` until titles are filled in. */
  toJson(row: Record<string, any>, names?: string[]): Record<string, any> {
    const layouts = this.layouts
    const key = names ? names.join('\u0000') : ''
    let layout = layouts.get(key)
    if (layout === undefined) {
      if (layouts.size >= LAYOUTS_PER_SHAPE) layouts.clear()
      layout = recordLayout(this.readers, names)
      layouts.set(key, layout)
    }
    if (layout) {
      let complete = true
      for (const c of layout.optional) if (!(c in row)) complete = false
      if (complete) return this.laidOut(layout, row)
    }
    return this.keyByKey(row, names)
  }

  /** `toJson` into a record of `layout`'s keys. */
  private laidOut(layout: RecordLayout, row: Record<string, any>): Record<string, any> {
    const out = row.deleted_at ? layout.makeTrashed() : layout.make()
    out.id = row.id
    out.version = row.version
    out._title = row.__title
    out.owner = row.owner_id ? { id: row.owner_id } : null
    out.team = row.team_id ?? null
    out.createdAt = iso(row.created_at)
    out.createdBy = row.created_by ?? null
    out.updatedAt = iso(row.updated_at)
    out.updatedBy = row.updated_by ?? null
    if (row.deleted_at) out.deletedAt = iso(row.deleted_at)
    const custom: Record<string, unknown> = {}
    const stored = (row.custom ?? {}) as Record<string, unknown>
    for (const r of layout.readers) r.read(row, out, custom, stored)
    out.custom = custom
    return out
  }

  /** `toJson` adding each key in turn, for a row without some of the columns its fields read. */
  private keyByKey(row: Record<string, any>, names?: string[]): Record<string, any> {
    const out: Record<string, any> = {
      id: row.id,
      version: row.version,
      _title: row.__title,
      owner: row.owner_id ? { id: row.owner_id } : null,
      team: row.team_id ?? null,
      createdAt: iso(row.created_at),
      createdBy: row.created_by ?? null,
      updatedAt: iso(row.updated_at),
      updatedBy: row.updated_by ?? null,
    }
    if (row.deleted_at) out.deletedAt = iso(row.deleted_at)
    const custom: Record<string, unknown> = {}
    const stored = (row.custom ?? {}) as Record<string, unknown>
    for (const r of this.readers) {
      if (names && !names.includes(r.name) && !names.includes(r.bare)) continue
      r.read(row, out, custom, stored)
    }
    out.custom = custom
    return out
  }
}

export function iso(v: unknown): string | null {
  if (v === null || v === undefined) return null
  if (v instanceof Date) return v.toISOString()
  const d = new Date(String(v))
  return Number.isNaN(d.getTime()) ? String(v) : d.toISOString()
}
