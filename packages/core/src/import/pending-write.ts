/**
 * A row on its way to the table, once validated: what it will create or change. Checks that need the
 * database run on all of a batch's pending writes at once and mark the rows they refuse.
 * @module
 */
import type { Row } from '../db/database'
import type { RecordData } from '../entity/define-entity'
import type { BuiltRow } from './row-builder'

export interface PendingWrite {
  row: BuiltRow
  op: 'create' | 'update'
  id: string
  /** Entity field values: every field on create, the changed ones on update. */
  values: Record<string, unknown>
  /** The `custom` jsonb to store (merged with the stored one on update). */
  custom: Record<string, unknown>
  customChanged: boolean
  /** The owner to set: always on create, only when it changes on update. */
  ownerId: string | null
  /** Update: the record as read, and its raw row (locked until the batch commits). */
  before?: RecordData
  current?: Row
  failed: boolean
}

export type Fail = (w: PendingWrite, path: string, code: string, params?: Record<string, unknown>) => void
