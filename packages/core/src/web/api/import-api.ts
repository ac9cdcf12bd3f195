/**
 * Typed calls to the import routes: preview a file, start an import (dry run or real), follow its job,
 * cancel it and undo it. The file goes up as the raw `text/csv` body; every choice is a query parameter.
 * @module
 */
import { ApiError, type Problem } from './api-error'
import { apiUrl, request } from './request'

export type ImportMode = 'create' | 'update' | 'upsert'

/** The formats a file is read with, spelled as the query parameters that force them. */
export interface ImportFormats {
  encoding: string
  delimiter: string
  decimal: string
  dateFormat: string
}

export interface ImportColumn {
  column: string
  field: string | null
}

export interface ImportPreview extends ImportFormats {
  headers: string[]
  rows: string[][]
  total: number
  columns: ImportColumn[]
  ignoredColumns: string[]
  fields: { key: string; label: string; kind: string; required: boolean }[]
  keys: { key: string; label: string }[]
}

export interface ImportRowError {
  line: number
  column: string
  field: string
  code: string
  message: string
}

export interface ImportStatus extends ImportFormats {
  id: string
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled'
  kind: 'import'
  dryRun: boolean
  total: number
  done: number
  rate: number | null
  secondsLeft: number | null
  created: number
  updated: number
  unchanged: number
  failed: number
  skipped: number
  createdLinked: number
  errorCount: number
  errors: ImportRowError[]
  undo: { id: string } | null
  undoableUntil: string | null
}

export interface UndoStatus {
  id: string
  status: ImportStatus['status']
  kind: 'undo'
  trashed: number
  restored: number
  conflicts: number
}

/** Everything the user chose; each value becomes a query parameter of the upload. */
export interface ImportChoices extends Partial<ImportFormats> {
  mode?: ImportMode
  key?: string
  createMissing?: boolean
  /** Column → field key, `null` to ignore the column. */
  mapping?: Record<string, string | null>
}

function choiceQuery(c: ImportChoices, extra: Record<string, string>): Record<string, string> {
  const q: Record<string, string> = { ...extra }
  for (const k of ['mode', 'key', 'encoding', 'delimiter', 'decimal', 'dateFormat'] as const) {
    const v = c[k]
    if (v) q[k] = v
  }
  if (c.createMissing) q.createMissing = 'true'
  if (c.mapping && Object.keys(c.mapping).length) q.mapping = JSON.stringify(c.mapping)
  return q
}

async function send<T>(entity: string, file: Blob, query: Record<string, string>): Promise<T> {
  const res = await fetch(apiUrl(`/import/${encodeURIComponent(entity)}`, query), {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'content-type': 'text/csv' },
    body: file,
  })
  const text = await res.text()
  let data: unknown
  try {
    data = text ? JSON.parse(text) : undefined
  } catch {
    data = { detail: text }
  }
  if (!res.ok) throw new ApiError({ status: res.status, ...(data as object) } as Problem)
  return data as T
}

export const imports = {
  /** Reads the head of `file`: formats, header, first rows, proposed mapping. Nothing is written. */
  preview: (entity: string, file: Blob, c: ImportChoices = {}) =>
    send<ImportPreview>(entity, file, choiceQuery(c, { preview: 'true' })),
  /** Queues the import (or its dry run) of `file`. */
  start: (entity: string, file: Blob, c: ImportChoices, dryRun: boolean) =>
    send<{ id: string; total: number }>(entity, file, choiceQuery(c, { dryRun: String(dryRun) })),
  status: (id: string, signal?: AbortSignal) =>
    request<ImportStatus>(`/import/jobs/${encodeURIComponent(id)}`, { query: { errorsLimit: 500 }, signal }),
  undoStatus: (id: string) => request<UndoStatus>(`/import/jobs/${encodeURIComponent(id)}`),
  cancel: (id: string) =>
    request<unknown>(`/import/jobs/${encodeURIComponent(id)}/cancel`, { method: 'POST' }),
  undo: (id: string) =>
    request<{ id: string }>(`/import/jobs/${encodeURIComponent(id)}/undo`, { method: 'POST' }),
}

/** Whether a job has stopped for good. */
export function isFinished(s: { status: string }): boolean {
  return s.status === 'done' || s.status === 'failed' || s.status === 'cancelled'
}
