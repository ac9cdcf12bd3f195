/**
 * Typed calls to the records routes, shared by the generic pages and plugin components.
 * @module
 */
import type { RecordData } from '../../entity/define-entity'
import type { HistoryEntry, ListResult } from '../../records/types'
import { type ListCriteria, listParams } from './list-params'
import { request } from './request'

/** `excel`: French Excel (BOM, semicolons, comma decimals); `csv`: RFC 4180. */
export type ExportFormat = 'excel' | 'csv'

const base = (entity: string) => `/records/${encodeURIComponent(entity)}`

export interface PageRequest extends ListCriteria {
  limit?: number
  cursor?: string | null
  count?: boolean
  fields?: string[]
}

function pageQuery(r: PageRequest): URLSearchParams {
  const p = listParams(r)
  p.set('limit', String(r.limit ?? 50))
  if (r.cursor) p.set('cursor', r.cursor)
  if (r.count) p.set('count', 'true')
  if (r.fields?.length) p.set('fields', r.fields.join(','))
  return p
}

export const records = {
  list: (entity: string, r: PageRequest = {}, signal?: AbortSignal) =>
    request<ListResult>(base(entity), { query: pageQuery(r), signal }),
  get: (entity: string, id: string) => request<RecordData>(`${base(entity)}/${id}`),
  create: (entity: string, data: RecordData) =>
    request<RecordData>(base(entity), { method: 'POST', body: data }),
  update: (entity: string, id: string, data: RecordData, version: number) =>
    request<RecordData>(`${base(entity)}/${id}`, { method: 'PATCH', body: { ...data, version } }),
  remove: (entity: string, id: string) =>
    request<{ batchId: string; count: number }>(`${base(entity)}/${id}`, { method: 'DELETE' }),
  related: (entity: string, id: string, relation: string, r: PageRequest = {}) =>
    request<ListResult>(`${base(entity)}/${id}/related/${encodeURIComponent(relation)}`, {
      query: pageQuery(r),
    }),
  history: (entity: string, id: string) =>
    request<HistoryEntry[] | { data: HistoryEntry[] }>(`${base(entity)}/${id}/history`),
  link: (entity: string, id: string, kind: string, target: string, role?: string) =>
    request(`${base(entity)}/${id}/links/${kind}`, {
      method: 'POST',
      body: { target, ...(role ? { role } : {}) },
    }),
  unlink: (entity: string, id: string, kind: string, target: string) =>
    request(`${base(entity)}/${id}/links/${kind}/${target}`, { method: 'DELETE' }),
  action: (entity: string, id: string, action: string, body: unknown = {}) =>
    request<unknown>(`${base(entity)}/${id}/actions/${encodeURIComponent(action)}`, { method: 'POST', body }),
  bulk: (entity: string, body: { action: 'delete' | 'update'; ids: string[]; data?: RecordData }) =>
    request<unknown>(`${base(entity)}/bulk`, { method: 'POST', body }),
  /** The CSV download of a list: its criteria, the columns shown (`fields`) and the flavour. */
  exportUrl: (entity: string, c: ListCriteria, o: { format?: ExportFormat; fields?: string[] } = {}) => {
    const p = listParams(c)
    if (o.fields?.length) p.set('fields', o.fields.join(','))
    if (o.format) p.set('format', o.format)
    const q = p.toString()
    return `/api/v1/export/${encodeURIComponent(entity)}${q ? `?${q}` : ''}`
  },
}

/** Lists arrive either bare or wrapped in `{ data }`; pages read both. */
export function rows<T>(x: T[] | { data: T[] } | undefined): T[] {
  if (!x) return []
  return Array.isArray(x) ? x : (x.data ?? [])
}
