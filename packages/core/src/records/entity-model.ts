/**
 * The entity as one request sees it: its own fields, the tenant's custom fields and the fields other
 * enabled plugins add, minus what the user may not see. Maps rows to API JSON and back.
 * @module
 */
import { type ColumnSpec, columnsOf, sortColumnOf } from '../entity/columns'
import type { FieldDef } from '../entity/fields'
import { ADDRESS_PARTS, f } from '../entity/fields'
import { ident, snake } from '../entity/naming'
import type { FieldRule } from '../plugin/define-plugin'
import type { ResolvedEntity } from '../plugin/registry'
import { RecordReading, specsOf } from './record-reading'

export { iso } from './record-reading'

export type FieldOrigin = 'entity' | 'custom' | 'ext'

export interface ModelField {
  /** Name in the API (`amount`, or `rating` for a custom field read under `custom`). */
  name: string
  def: FieldDef
  origin: FieldOrigin
  plugin: string
  /** For custom/ext fields: the key inside the `custom` jsonb. */
  jsonKey?: string
  rule?: FieldRule
  /** Tenant custom field labels. */
  labels?: { fr: string; en: string }
  /** An entity field's table columns, worked out once per model rather than once per row. */
  columns?: ColumnSpec[]
}

export interface CustomFieldRow {
  name: string
  type: string
  label_fr: string
  label_en: string
  options: string[]
  required: boolean
}

export const CUSTOM_FIELD_TYPES = [
  'text',
  'longText',
  'email',
  'phone',
  'url',
  'integer',
  'decimal',
  'money',
  'percent',
  'date',
  'datetime',
  'boolean',
  'select',
  'multiSelect',
] as const

export function customFieldDef(row: CustomFieldRow): FieldDef {
  const o = { required: row.required }
  switch (row.type) {
    case 'select':
      return f.select({ ...o, options: row.options })
    case 'multiSelect':
      return f.multiSelect({ ...o, options: row.options })
    case 'boolean':
      return f.boolean({ ...o, default: null })
    default:
      return (f as any)[row.type](o) as FieldDef
  }
}

/**
 * What a model is made of: its visible fields and the SQL text that follows from them alone. Worked out
 * once for each way of seeing an entity (the extensions enabled, the tenant's custom fields, the user's
 * field rules) and shared by every request that sees it that way; nothing in it changes once built.
 */
interface ModelShape {
  readonly fields: Map<string, ModelField>
  readonly table: string
  /** `selectList()` and `titleSql()` by alias. */
  readonly sql: Map<string, string>
  /** How rows are read into API records (`toJson`), made on first use. */
  records?: RecordReading
}

/** Ways of seeing each entity, by key (see `shapeKey`), oldest first. */
const shapes = new WeakMap<ResolvedEntity, Map<string, ModelShape>>()
const SHAPES_PER_ENTITY = 256
const entityFieldNames = new WeakMap<ResolvedEntity, string[]>()

function fieldNamesOf(entity: ResolvedEntity): string[] {
  let names = entityFieldNames.get(entity)
  if (!names) {
    names = Object.keys(entity.fields)
    entityFieldNames.set(entity, names)
  }
  return names
}

/** One character per field rule, for `shapeKey`. */
function ruleCode(rule: FieldRule | undefined): string {
  return rule === 'hidden' ? 'h' : rule === 'readOnly' ? 'r' : '.'
}

/**
 * Everything a shape depends on besides the entity: the rule of each candidate field, which extension
 * fields are on, and the custom fields' definitions (their whole rows).
 */
function shapeKey(
  entity: ResolvedEntity,
  enabled: ReadonlySet<string>,
  custom: readonly CustomFieldRow[],
  rule: (field: string) => FieldRule | undefined,
): string {
  let key = ''
  for (const name of fieldNamesOf(entity)) key += ruleCode(rule(name))
  key += '|'
  for (const name in entity.extFields)
    key += enabled.has(entity.extFields[name].plugin) ? ruleCode(rule(name)) : '-'
  for (const row of custom) key += `|${ruleCode(rule(`custom.${row.name}`))}${JSON.stringify(row)}`
  return key
}

function buildShape(
  entity: ResolvedEntity,
  enabled: ReadonlySet<string>,
  custom: readonly CustomFieldRow[],
  rule: (field: string) => FieldRule | undefined,
): ModelShape {
  const fields = new Map<string, ModelField>()
  const add = (key: string, mf: ModelField) => {
    mf.rule = rule(mf.name)
    if (mf.origin === 'entity') mf.columns = columnsOf(mf.name, mf.def)
    if (mf.rule !== 'hidden') fields.set(key, mf)
  }
  for (const [name, def] of Object.entries(entity.fields))
    add(name, { name, def, origin: 'entity', plugin: entity.plugin })
  for (const [name, x] of Object.entries(entity.extFields)) {
    if (enabled.has(x.plugin))
      add(name, { name, def: x.field, origin: 'ext', plugin: x.plugin, jsonKey: x.key })
  }
  for (const row of custom) {
    add(`custom.${row.name}`, {
      name: `custom.${row.name}`,
      def: customFieldDef(row),
      origin: 'custom',
      plugin: 'core',
      jsonKey: row.name,
      labels: { fr: row.label_fr, en: row.label_en },
    })
  }
  return { fields, table: ident(entity.table), sql: new Map() }
}

export class EntityModel {
  readonly entity: ResolvedEntity
  /** Visible fields by API name (custom fields keyed `custom.<name>`); shared, never to be changed. */
  readonly fields: ReadonlyMap<string, ModelField>
  private readonly shape: ModelShape
  constructor(
    entity: ResolvedEntity,
    enabled: ReadonlySet<string>,
    custom: CustomFieldRow[],
    rule: (field: string) => FieldRule | undefined,
  ) {
    this.entity = entity
    let byKey = shapes.get(entity)
    if (!byKey) {
      byKey = new Map()
      shapes.set(entity, byKey)
    }
    const key = shapeKey(entity, enabled, custom, rule)
    let shape = byKey.get(key)
    if (!shape) {
      shape = buildShape(entity, enabled, custom, rule)
      if (byKey.size >= SHAPES_PER_ENTITY) byKey.delete(byKey.keys().next().value!)
      byKey.set(key, shape)
    }
    this.shape = shape
    this.fields = shape.fields
  }

  get ref() {
    return this.entity.ref
  }

  get table() {
    return this.shape.table
  }

  /**
   * SQL of the display title, from the title fields the user may see: with some of them hidden, the
   * visible ones; with all hidden, the record's number when visible, else its id.
   */
  titleSql(alias = 't'): string {
    const memo = this.shape.sql.get(`title:${alias}`)
    if (memo !== undefined) return memo
    const sql = this.buildTitleSql(alias)
    this.shape.sql.set(`title:${alias}`, sql)
    return sql
  }

  private buildTitleSql(alias: string): string {
    let names = this.entity.title.filter((n) => this.fields.has(n))
    if (!names.length) {
      const numbering = this.entity.numbering?.field
      if (!numbering || !this.fields.has(numbering)) return `${alias}.id::text`
      names = [numbering]
    }
    const cols = names.flatMap((n) =>
      columnsOf(n, this.entity.fields[n]).map((c) => `${alias}.${ident(c.column)}`),
    )
    return cols.length === 1 ? `coalesce(${cols[0]}::text, '')` : `concat_ws(' ', ${cols.join(', ')})`
  }

  /** SQL expression to compare or sort on a field, or null when it cannot be. */
  valueSql(name: string, alias = 't'): { sql: string; field: ModelField } | null {
    const part = this.addressPart(name, alias)
    if (part) return part
    const mf = this.fields.get(name)
    if (!mf) return null
    if (mf.origin !== 'entity') {
      const key = `'${mf.jsonKey!.replace(/'/g, "''")}'`
      const raw = `${alias}.custom->>${key}`
      const t = mf.def.type
      const cast =
        t === 'integer'
          ? `(${raw})::integer`
          : t === 'decimal' || t === 'money' || t === 'percent'
            ? `(${raw})::numeric`
            : t === 'date'
              ? `(${raw})::date`
              : t === 'datetime'
                ? `(${raw})::timestamptz`
                : t === 'boolean'
                  ? `(${raw})::boolean`
                  : raw
      return { sql: cast, field: mf }
    }
    const col = sortColumnOf(mf.name, mf.def)
    return col ? { sql: `${alias}.${ident(col)}`, field: mf } : null
  }

  /** `billingAddress.city`: one part of an address field, compared and sorted as text. */
  private addressPart(name: string, alias: string): { sql: string; field: ModelField } | null {
    const dot = name.indexOf('.')
    if (dot < 1 || name.startsWith('custom.')) return null
    const base = this.fields.get(name.slice(0, dot))
    const part = name.slice(dot + 1)
    if (
      base?.origin !== 'entity' ||
      base.def.type !== 'address' ||
      !(ADDRESS_PARTS as readonly string[]).includes(part)
    )
      return null
    return {
      sql: `${alias}.${ident(`${snake(base.name)}_${snake(part)}`)}`,
      field: { ...base, name, def: f.text() },
    }
  }

  /** Whether the column of an entity field may hold NULL (keyset pagination needs to know). */
  nullable(name: string): boolean {
    const mf = this.fields.get(name)
    return mf?.origin !== 'entity' || !mf.def.required
  }

  /** Columns to select for the given fields (all visible fields when absent). */
  selectList(names?: string[], alias = 't'): string {
    if (names) return this.buildSelectList(names, alias)
    const memo = this.shape.sql.get(`select:${alias}`)
    if (memo !== undefined) return memo
    const sql = this.buildSelectList(undefined, alias)
    this.shape.sql.set(`select:${alias}`, sql)
    return sql
  }

  private buildSelectList(names: string[] | undefined, alias: string): string {
    const cols = new Set<string>([
      'id',
      'version',
      'owner_id',
      'team_id',
      'created_at',
      'created_by',
      'updated_at',
      'updated_by',
      'custom',
    ])
    for (const mf of this.fields.values()) {
      if (mf.origin !== 'entity') continue
      if (names && !names.includes(mf.name) && !this.entity.title.includes(mf.name)) continue
      for (const c of specsOf(mf)) cols.add(c.column)
    }
    return [...cols].map((c) => `${alias}.${ident(c)}`).join(', ') + `, ${this.titleSql(alias)} AS "__title"`
  }

  /** Row (snake_case) → API JSON, references as `{ id }` until titles are filled in. */
  toJson(row: Record<string, any>, names?: string[]): Record<string, any> {
    this.shape.records ??= new RecordReading([...this.fields.values()])
    return this.shape.records.toJson(row, names)
  }

  /** API values of entity fields → column values for INSERT/UPDATE. */
  toColumns(values: Record<string, unknown>): Record<string, unknown> {
    const cols: Record<string, unknown> = {}
    for (const [name, v] of Object.entries(values)) {
      const mf = this.fields.get(name)
      if (mf?.origin !== 'entity' || mf.def.type === 'computed') continue
      const specs = specsOf(mf)
      if (mf.def.type === 'parent') {
        const p = v as { entity: string; id: string } | null
        cols[specs[0].column] = p?.entity ?? null
        cols[specs[1].column] = p?.id ?? null
      } else if (mf.def.type === 'address') {
        const a = (v ?? {}) as Record<string, string | null>
        for (const s of specs) cols[s.column] = a[s.part!] ?? null
      } else cols[specs[0].column] = v
    }
    return cols
  }
}
