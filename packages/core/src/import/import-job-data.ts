/**
 * What an import job carries (its payload, decided when the file is received) and what it records as it
 * goes (its progress, saved in the same transaction as each batch, so a resumed run knows exactly which
 * rows are already written).
 * @module
 */
import type { CellFormat } from './cell-values'
import type { StoredFile } from './file-store'
import type { ImportMode } from './import-options'
import type { Encoding } from './sniff'

export const IMPORT_QUEUE = 'core.import'
export const UNDO_QUEUE = 'core.import.undo'

export interface ImportPayload {
  entity: string
  mode: ImportMode
  /** Column key rows are matched on (`id`, `email`, `siren`…); null in create mode. */
  key: string | null
  dryRun: boolean
  createMissing: boolean
  encoding: Encoding
  delimiter: string
  format: CellFormat
  headers: string[]
  /** Column key for each column of the file, by position (null: not imported). */
  keys: (string | null)[]
  ignored: string[]
  total: number
  file: StoredFile
  fileName?: string
}

/** One refused row, as the user will read it. */
export interface RowError {
  line: number
  /** Header of the column at fault (empty when the row as a whole is refused). */
  column: string
  field: string
  code: string
  params?: Record<string, unknown>
}

export interface ImportProgress {
  /** Data rows read and settled (written, unchanged or refused). */
  done: number
  /** Batches committed. */
  batches: number
  created: number
  updated: number
  unchanged: number
  failed: number
  /** Linked records created because they were missing (`createMissing`). */
  parents: number
  errorCount: number
  /** `core_file` ids holding the errors of each batch that had some. */
  errorFiles: string[]
  /** When the current run started, and how many rows were done then (for the rate). */
  runStartedAt?: string
  runStartDone?: number
  at?: string
  finished?: boolean
}

export function emptyProgress(): ImportProgress {
  return {
    done: 0,
    batches: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    parents: 0,
    errorCount: 0,
    errorFiles: [],
  }
}
