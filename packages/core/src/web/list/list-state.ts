/**
 * A list's state (search, filters, sort, columns, saved view), kept in the address so a reload or a
 * shared link shows the same list.
 * @module
 */
import { useSearchParams } from '@solidjs/router'
import type { EntityMeta } from '../../records/metadata-types'
import type { FilterRow } from '../api/list-params'

export interface ViewConfig {
  columns: string[]
  sort: string
  filters: FilterRow[]
}

export interface ListState {
  q(): string
  sort(): string
  columns(): string[]
  filters(): FilterRow[]
  viewId(): string | undefined
  set(patch: Partial<ViewConfig> & { q?: string; viewId?: string | null }): void
  /** Applies a saved view (or the entity's defaults with `undefined`). */
  applyView(id: string | undefined, config: ViewConfig | undefined): void
}

type Params = { q?: string; sort?: string; cols?: string; f?: string; view?: string }

function parseFilters(raw: string | undefined): FilterRow[] {
  if (!raw) return []
  try {
    const v = JSON.parse(raw)
    return Array.isArray(v) ? v : []
  } catch {
    return []
  }
}

export function createListState(meta: () => EntityMeta): ListState {
  const [params, setParams] = useSearchParams<Params>()
  const encode = (p: Partial<ViewConfig> & { q?: string; viewId?: string | null }) => {
    const out: Record<string, string | undefined> = {}
    if ('q' in p) out.q = p.q || undefined
    if ('sort' in p) out.sort = p.sort && p.sort !== meta().list.sort ? p.sort : undefined
    if ('columns' in p)
      out.cols =
        p.columns && p.columns.join(',') !== meta().list.columns.join(',') ? p.columns.join(',') : undefined
    if ('filters' in p) out.f = p.filters?.length ? JSON.stringify(p.filters) : undefined
    if ('viewId' in p) out.view = p.viewId ?? undefined
    return out
  }
  return {
    q: () => params.q ?? '',
    sort: () => params.sort ?? meta().list.sort ?? '',
    columns: () => (params.cols ? params.cols.split(',').filter(Boolean) : meta().list.columns),
    filters: () => parseFilters(params.f),
    viewId: () => params.view,
    set: (patch) => setParams(encode(patch), { replace: true }),
    applyView: (id, config) =>
      setParams(
        encode({
          viewId: id ?? null,
          columns: config?.columns ?? meta().list.columns,
          sort: config?.sort ?? meta().list.sort,
          filters: config?.filters ?? [],
        }),
        { replace: true },
      ),
  }
}
