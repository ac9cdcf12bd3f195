/**
 * The records service's public shape: what routes, action handlers, hooks, seeds and imports call.
 * @module
 */
import type { RecordData } from '../entity/define-entity'

export type FilterOp =
  | 'eq'
  | 'ne'
  | 'lt'
  | 'lte'
  | 'gt'
  | 'gte'
  | 'in'
  | 'contains'
  | 'startsWith'
  | 'isNull'
  | 'between'

export interface Filter {
  /** Field name, `custom.<name>` for a tenant custom field, or a standard column (`owner`, `createdAt`, `updatedAt`). */
  field: string
  op: FilterOp
  value: unknown
}

export interface SortKey {
  field: string
  desc: boolean
}

export interface ListQuery {
  filters?: Filter[]
  q?: string
  sort?: SortKey[]
  /** 1–200, default 50. */
  limit?: number
  cursor?: string
  /**
   * The list ends with the row at this cursor, included, whatever the limit. Set by the export for pages
   * read side by side; never taken from a request.
   */
  until?: string
  /** Adds the total, exact up to 10 000 then reported as capped. */
  count?: boolean
  /** Projection: field names to return (id, version and title always come). */
  fields?: string[]
}

export interface ListResult {
  data: RecordData[]
  nextCursor: string | null
  total?: number
  totalCapped?: boolean
}

export interface WriteOptions {
  /** Skip rights checks: for system work (seeds, conversions that were authorised as a whole). */
  system?: boolean
  /** History note (e.g. `{ key: 'leads:history.converted' }`). */
  note?: Record<string, unknown>
}

export interface RecordsService {
  readonly ref: string
  list(query?: ListQuery): Promise<ListResult>
  get(id: string): Promise<RecordData>
  /** `null` instead of a 404 when the record does not exist or is not visible. */
  find(id: string): Promise<RecordData | null>
  create(data: RecordData, opts?: WriteOptions): Promise<RecordData>
  /** `version` must be the version read; a stale one raises a 409 carrying the current record. */
  update(id: string, data: RecordData, version: number | undefined, opts?: WriteOptions): Promise<RecordData>
  /** Moves the record and its owned children to the trash as one batch. Returns the batch id. */
  remove(id: string, opts?: WriteOptions): Promise<{ batchId: string; count: number }>
  related(id: string, relation: string, query?: ListQuery): Promise<ListResult>
  history(id: string): Promise<HistoryEntry[]>
  /**
   * Adds an entry of the plugin's own to the record's history (e.g. `converted`), in the caller's
   * transaction: rolled back with it. Needs the record to be readable (or `system`).
   */
  addHistory(id: string, entry: HistoryInput, opts?: { system?: boolean }): Promise<void>
  link(id: string, kind: string, targetId: string, role?: string | null): Promise<void>
  unlink(id: string, kind: string, targetId: string): Promise<void>
}

/** A plugin's own history entry. */
export interface HistoryInput {
  /** A short verb: letters, digits, `.`, `-` or `_` (e.g. `converted`, `mail.sent`). */
  action: string
  /** Shown with the entry, typically `{ key: '<plugin>:history.<x>', params: {...} }`. */
  note?: Record<string, unknown>
  /** Field changes to show, if any. */
  changes?: { field: string; old: unknown; new: unknown }[]
}

export interface HistoryEntry {
  id: string
  at: string
  actor: { id: string; title: string } | null
  action: 'create' | 'update' | 'delete' | 'restore' | string
  changes: { field: string; old: unknown; new: unknown }[]
  note: Record<string, unknown> | null
}
