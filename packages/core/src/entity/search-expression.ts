import type { EntityDef } from './define-entity'
import { columnsOf } from './columns'

/** Fields searched by `q=`: declared `search`, else the fields marked searchable, else the title. */
export function searchFields(entity: Pick<EntityDef, 'search' | 'fields' | 'title'>): string[] {
  if (entity.search?.length) return [...entity.search]
  const marked = Object.entries(entity.fields)
    .filter(([, f]) => f.searchable)
    .map(([n]) => n)
  return marked.length ? marked : [...entity.title]
}

/**
 * The indexed search expression: lower-cased, accent-free concatenation of the search columns.
 * The GIN index and the search function use exactly this text, so the index always applies.
 */
export function searchExpression(entity: Pick<EntityDef, 'search' | 'fields' | 'title'>): string {
  const cols = searchFields(entity).flatMap((name) =>
    columnsOf(name, entity.fields[name]).map((c) => c.column),
  )
  const parts = cols.map((c) => `coalesce("${c}", '')`).join(` || ' ' || `)
  return `comptoir_unaccent(lower(${parts || "''"}))`
}
