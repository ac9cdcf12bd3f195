/**
 * Wiring import and export into a running core: the two durable jobs (`core.import`, `core.import.undo`)
 * and the messages. Call `registerImportJobs(core)` when the app starts, so that imports interrupted by a
 * restart resume before anyone opens the import pages; the routes also register on first use.
 * @module
 */
import type { Core } from '../server/core'
import { IMPORT_QUEUE, UNDO_QUEUE } from './import-job-data'
import { importJobHandler } from './import-job'
import { mergeImportMessages } from './messages'
import { undoJobHandler } from './undo-job'

export interface ImportSettings {
  /** Rows per batch: one transaction and one multi-row INSERT each (default 1,000). */
  batchSize: number
  /** Largest file accepted, in bytes (default `CoreConfig.importLimit`, else 64 MiB). */
  maxFileBytes: number
  /** How long after it ended an import can be undone, in days (default `CoreConfig.importUndoDays`, else 7). */
  undoDays: number
}

export const DEFAULT_IMPORT_SETTINGS: ImportSettings = {
  batchSize: 1000,
  maxFileBytes: 64 * 1024 * 1024,
  undoDays: 7,
}

/** Room in an upload's body for the form's other fields and its boundaries, beside the file. */
const FORM_ALLOWANCE = 1024 * 1024

const registered = new WeakMap<Core, ImportSettings>()

/**
 * Registers the import jobs on `core`; a later call with options replaces the settings in force.
 * @example
 * const core = createCore({ db, plugins })
 * registerImportJobs(core, { undoDays: 30 })
 */
export function registerImportJobs(core: Core, o: Partial<ImportSettings> = {}): ImportSettings {
  const existing = registered.get(core)
  // The app registers the defaults at start; a later call with options (a test, a server) replaces them.
  if (existing && !Object.keys(o).length) return existing
  // The embedded database runs in this thread: smaller batches keep the server answering during imports.
  const base = existing ?? {
    ...DEFAULT_IMPORT_SETTINGS,
    ...(core.db.kind === 'pglite' ? { batchSize: 250 } : {}),
    ...(core.config.importLimit ? { maxFileBytes: core.config.importLimit } : {}),
    ...(core.config.importUndoDays !== undefined ? { undoDays: core.config.importUndoDays } : {}),
  }
  const settings = { ...base, ...o }
  registered.set(core, settings)
  if (!existing) mergeImportMessages(core.messages)
  core.jobs.register(IMPORT_QUEUE, importJobHandler(core, settings))
  core.jobs.register(UNDO_QUEUE, undoJobHandler(core))
  return settings
}

/** Largest request body an import upload may send: the largest file, plus its form around it. */
export function importBodyLimit(core: Core): number {
  return registerImportJobs(core).maxFileBytes + FORM_ALLOWANCE
}
