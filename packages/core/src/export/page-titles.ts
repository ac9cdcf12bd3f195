/**
 * The titles of the references a page of an export shows, read as the list reads them (`fillTarget`:
 * one query per target entity, sent together, and only where the user may read the target), for each
 * distinct reference of the page rather than for each row.
 * @module
 */
import type { Row } from '../db/database'
import type { CsvColumn } from '../import/csv-columns'
import type { RequestContext } from '../records/context'
import { fillTarget, type Ref } from '../records/titles'
import { columnsRead, type PageTitles, parentKey } from './cell-writers'

/** A reference whose titles the export shows: a field, or the owner (`owner`). */
export interface TitledReference {
  name: string
  /** The entity referred to (`core.user` for users); none for a parent, whose rows name it. */
  target?: string
  /** Its id column, and for a parent the entity column before it. */
  columns: string[]
}

/** The references whose title columns are exported. */
export function titledReferences(columns: CsvColumn[]): TitledReference[] {
  const out: TitledReference[] = []
  for (const c of columns) {
    if (c.kind === 'owner') out.push({ name: 'owner', target: 'core.user', columns: ['owner_id'] })
    if (c.kind !== 'ref') continue
    const def = c.field!.def
    const target = def.type === 'belongsTo' ? def.target : def.type === 'user' ? 'core.user' : undefined
    out.push({ name: c.field!.name, target, columns: columnsRead(c) })
  }
  return out
}

export async function pageTitles(
  ctx: RequestContext,
  references: TitledReference[],
  rows: Row[],
): Promise<PageTitles> {
  const wanted = new Map<string, Map<string, Ref[]>>() // target → id → references to fill
  const byReference = new Map<string, Map<string, Ref>>() // reference → key → its reference
  for (const r of references) {
    const refs = new Map<string, Ref>()
    byReference.set(r.name, refs)
    const idColumn = r.columns[r.columns.length - 1]
    for (const row of rows) {
      const id = row[idColumn]
      const target = r.target ?? row[r.columns[0]]
      if (!id || !target) continue
      const key = r.target ? id : parentKey(target, id)
      if (refs.has(key)) continue
      const ref: Ref = { id }
      refs.set(key, ref)
      const ids = wanted.get(target) ?? new Map<string, Ref[]>()
      wanted.set(target, ids)
      const list = ids.get(id)
      if (list) list.push(ref)
      else ids.set(id, [ref])
    }
  }
  await Promise.all([...wanted].map(([target, ids]) => fillTarget(ctx, target, ids)))
  const titles = new Map<string, Map<string, string>>()
  for (const [name, refs] of byReference) {
    const m = new Map<string, string>()
    for (const [key, ref] of refs) if (ref.title !== undefined) m.set(key, ref.title)
    titles.set(name, m)
  }
  return titles
}
