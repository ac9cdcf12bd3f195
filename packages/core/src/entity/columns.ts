/**
 * How fields map onto SQL columns. Shared by `entityTable()` (DDL) and the records engine (queries),
 * so the two can never disagree.
 * @module
 */
import { ADDRESS_PARTS, type FieldDef } from './fields'
import { snake } from './naming'

export interface ColumnSpec {
  /** Column name (snake_case). */
  column: string
  /** For composite fields: the key inside the JSON value (`street`, `entity`, …). */
  part?: string
  sqlType: string
}

/** Standard columns every entity table has, in order. */
export const STANDARD_COLUMNS = [
  'tenant_id',
  'id',
  'owner_id',
  'team_id',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
  'deleted_at',
  'deleted_by',
  'trash_batch_id',
  'version',
  'custom',
] as const

export function sqlTypeOf(field: FieldDef): string {
  switch (field.type) {
    case 'integer':
      return 'integer'
    case 'decimal':
    case 'money':
    case 'percent':
      return `numeric(${field.precision}, ${field.scale})`
    case 'date':
      return 'date'
    case 'datetime':
      return 'timestamptz'
    case 'boolean':
      return 'boolean'
    case 'multiSelect':
      return 'text[]'
    case 'belongsTo':
    case 'user':
    case 'file':
      return 'uuid'
    case 'computed':
      return field.resultType === 'text'
        ? 'text'
        : field.resultType === 'boolean'
          ? 'boolean'
          : field.resultType === 'integer'
            ? 'integer'
            : 'numeric(18, 2)'
    default:
      return 'text'
  }
}

export function columnsOf(name: string, field: FieldDef): ColumnSpec[] {
  const base = snake(name)
  switch (field.type) {
    case 'belongsTo':
    case 'user':
    case 'file':
      return [{ column: `${base}_id`, sqlType: 'uuid' }]
    case 'parent':
      return [
        { column: `${base}_entity`, part: 'entity', sqlType: 'text' },
        { column: `${base}_id`, part: 'id', sqlType: 'uuid' },
      ]
    case 'address':
      return ADDRESS_PARTS.map((p) => ({ column: `${base}_${snake(p)}`, part: p, sqlType: 'text' }))
    default:
      return [{ column: base, sqlType: sqlTypeOf(field) }]
  }
}

/** The single column used to sort or compare a field (`null` for composite fields). */
export function sortColumnOf(name: string, field: FieldDef): string | null {
  if (field.type === 'address' || field.type === 'parent' || field.type === 'multiSelect') return null
  return columnsOf(name, field)[0].column
}
