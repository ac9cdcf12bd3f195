/**
 * What a list can show, filter and sort: the entity's visible fields plus the standard columns every
 * record has (owner, created, updated).
 * @module
 */
import type { EntityMeta, FieldMeta } from '../../records/metadata-types'

function standard(
  name: string,
  type: FieldMeta['type'],
  fr: string,
  en: string,
  operators: string[],
): FieldMeta {
  return {
    name,
    type,
    label: name,
    labels: { fr, en },
    required: false,
    unique: false,
    readOnly: true,
    hidden: false,
    searchable: false,
    operators,
    origin: 'entity',
    plugin: 'core',
    target: type === 'user' ? 'core.user' : undefined,
  }
}

const DATE_OPS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'between', 'isNull']

export const STANDARD_FIELDS: Record<string, FieldMeta> = {
  owner: standard('owner', 'user', 'Propriétaire', 'Owner', ['eq', 'ne', 'in', 'isNull']),
  createdAt: standard('createdAt', 'datetime', 'Créé le', 'Created', DATE_OPS),
  updatedAt: standard('updatedAt', 'datetime', 'Modifié le', 'Updated', DATE_OPS),
}

export function columnField(meta: EntityMeta, name: string): FieldMeta | undefined {
  return meta.fields[name] ?? STANDARD_FIELDS[name]
}

/** Fields a user may add as columns, in declaration order, then the standard ones. */
export function availableColumns(meta: EntityMeta): FieldMeta[] {
  const own = Object.values(meta.fields).filter((f) => !f.hidden && f.rule !== 'hidden')
  return [
    ...own,
    ...Object.values(STANDARD_FIELDS).filter((s) => !(meta.ownership === 'none' && s.name === 'owner')),
  ]
}

export function filterableFields(meta: EntityMeta): FieldMeta[] {
  return availableColumns(meta).filter((f) => f.operators.length > 0)
}

const UNSORTABLE = new Set(['address', 'multiSelect', 'longText', 'parent', 'file'])

export function isSortable(f: FieldMeta): boolean {
  return !UNSORTABLE.has(f.type)
}

/** `-amount` → `{ field: 'amount', desc: true }` for the first key of a sort string. */
export function firstSortKey(sort: string | undefined): { field: string; desc: boolean } | undefined {
  const first = sort?.split(',')[0]?.trim()
  if (!first) return undefined
  return first.startsWith('-') ? { field: first.slice(1), desc: true } : { field: first, desc: false }
}
