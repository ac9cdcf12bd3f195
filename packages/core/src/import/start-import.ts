/**
 * `POST /api/v1/import/:entity`: checks the rights, receives the file, reads its header, decides the
 * mapping, the key and the formats, and queues the job — all in the request's transaction, so a refused
 * request leaves nothing behind. The answer comes before any row is imported.
 * @module
 */
import { BadRequestError, NotFoundError } from '../errors'
import type { RequestContext } from '../records/context'
import type { EntityModel } from '../records/entity-model'
import type { RecordsServiceImpl } from '../records/records-service'
import { columnAliases, csvColumns } from './csv-columns'
import type { CellFormat } from './cell-values'
import { type CsvRecord, isBlank } from './csv-parser'
import { readStoredFile, type StoredFile, txChunkReader } from './file-store'
import { IMPORT_QUEUE, type ImportPayload } from './import-job-data'
import { type ImportMode, type ImportOptions, readImportOptions } from './import-options'
import {
  hiddenAliases,
  loadRememberedMapping,
  type Mapping,
  parseMapping,
  type ResolvedMapping,
  rememberMapping,
  resolveMapping,
} from './mapping'
import { readRecords, sampleRecords } from './read-records'
import {
  chooseEncoding,
  type DateOrder,
  type Decimal,
  detectDateOrder,
  detectDecimal,
  type Encoding,
} from './sniff'
import { receiveUpload } from './upload'

/** The formats a file is read with, spelled as the query parameters that override them. */
export interface DetectedFormats {
  encoding: Encoding
  delimiter: string
  decimal: Decimal
  dateFormat: string
}

export interface StartedImport extends DetectedFormats {
  id: string
  total: number
  dryRun: boolean
  columns: { column: string; field: string | null }[]
  ignoredColumns: string[]
}

const DATE_FORMAT_OF: Record<DateOrder | 'ymd', string> = {
  dmy: 'dd/mm/yyyy',
  mdy: 'mm/dd/yyyy',
  ymd: 'yyyy-mm-dd',
}

export const KEY_TYPES = new Set(['text', 'email', 'phone', 'url', 'integer'])

function assertRights(svc: RecordsServiceImpl, mode: ImportMode) {
  svc.assertGranted('import')
  if (mode !== 'update') svc.assertGranted('create')
  if (mode !== 'create') svc.assertGranted('update')
}

function chooseKey(
  model: EntityModel,
  mode: ImportMode,
  key: string | undefined,
  mapped: (string | null)[],
): string | null {
  if (mode === 'create') return null
  const k = key ?? 'id'
  const mf = model.fields.get(k)
  const valid =
    k === 'id' ||
    (mf?.origin === 'entity' &&
      KEY_TYPES.has(mf.def.type) &&
      (mf.def.unique || (model.entity.importKeys ?? []).includes(k)))
  if (!valid)
    throw new BadRequestError('bad-request', `Cannot match rows on "${k}"`, [
      { path: 'key', code: 'import_invalid_key' },
    ])
  if (!mapped.includes(k)) {
    throw new BadRequestError('bad-request', `No column holds "${k}"`, [
      { path: 'key', code: 'import_key_not_mapped', params: { key: k } },
    ])
  }
  return k
}

/** What the request and the head of its file decide, before anything is queued. */
export interface PreparedImport {
  model: EntityModel
  options: ImportOptions
  explicit: Mapping
  headers: string[]
  mapping: ResolvedMapping
  /** Data rows of the sample (at most 1,000), blank rows left out. */
  rows: CsvRecord[]
  total: number
  encoding: Encoding
  delimiter: string
  format: CellFormat
  file: StoredFile
}

/** Receives the file and reads its head: formats, header and mapping. Writes only the stored file. */
export async function prepareImport(
  ctx: RequestContext,
  ref: string,
  req: Request,
  query: Record<string, string>,
  maxBytes: number,
): Promise<PreparedImport> {
  if (!ctx.core.registry.entities.has(ref)) throw new NotFoundError(`Unknown entity ${ref}`)
  const svc = ctx.records(ref) as RecordsServiceImpl
  // The query is checked before the upload is read, so a wrong option does not cost a whole upload.
  const early = readImportOptions(query)
  assertRights(svc, early.mode)
  const upload = await receiveUpload(ctx, req, {
    maxBytes,
    delimiter: early.delimiter,
    name: `import-${ref}`,
  })
  const o = readImportOptions({ ...query, ...upload.fields })
  assertRights(svc, o.mode)
  const encoding = o.encoding ?? chooseEncoding(upload.bom, upload.utf8)
  const delimiter = o.delimiter ?? upload.countedWith
  const sample = sampleRecords(upload.sample, encoding, delimiter, upload.complete)
  const header = sample.find((r) => !isBlank(r.cells))
  if (!header)
    throw new BadRequestError('bad-request', 'Empty file', [{ path: 'file', code: 'import_empty' }])
  let total = upload.rows
  if (delimiter !== upload.countedWith) {
    total = -1
    for await (const r of readRecords(
      readStoredFile(upload.file, txChunkReader(ctx.tx, ctx.tenant.id)),
      encoding,
      delimiter,
    )) {
      if (!isBlank(r.cells)) total++
    }
  }
  const headers = header.cells.map((h) => h.trim())
  const model = await svc.model()
  const messages = ctx.core.messages
  const explicit = parseMapping(o.mapping)
  const mapping = resolveMapping(
    headers,
    columnAliases(csvColumns(model, messages), messages),
    hiddenAliases(ctx, model),
    explicit,
    await loadRememberedMapping(ctx, ref),
  )
  const rows = sample.filter((r) => r !== header && !isBlank(r.cells)).slice(0, 1000)
  const valuesOf = (types: string[]) =>
    mapping.keys.flatMap((k, i) => {
      const t = k ? model.fields.get(k)?.def.type : undefined
      return t && types.includes(t) ? rows.map((r) => r.cells[i] ?? '') : []
    })
  return {
    model,
    options: o,
    explicit,
    headers,
    mapping,
    rows,
    total,
    encoding,
    delimiter,
    format: {
      decimal: o.decimal ?? detectDecimal(valuesOf(['decimal', 'money', 'percent']), delimiter),
      dateOrder: o.dateOrder ?? detectDateOrder(valuesOf(['date', 'datetime'])),
    },
    file: upload.file,
  }
}

/** The formats an import reads its file with, as the query parameters that would force them. */
export function detectedFormats(
  p: Pick<ImportPayload, 'encoding' | 'delimiter' | 'format'>,
): DetectedFormats {
  return {
    encoding: p.encoding,
    delimiter: p.delimiter,
    decimal: p.format.decimal,
    dateFormat: DATE_FORMAT_OF[p.format.dateOrder],
  }
}

export async function startImport(
  ctx: RequestContext,
  ref: string,
  req: Request,
  query: Record<string, string>,
  maxBytes: number,
): Promise<StartedImport> {
  const p = await prepareImport(ctx, ref, req, query, maxBytes)
  const o = p.options
  const key = chooseKey(p.model, o.mode, o.key, p.mapping.keys)
  const payload: ImportPayload = {
    entity: ref,
    mode: o.mode,
    key,
    dryRun: o.dryRun,
    createMissing: o.createMissing,
    encoding: p.encoding,
    delimiter: p.delimiter,
    format: p.format,
    headers: p.headers,
    keys: p.mapping.keys,
    ignored: p.mapping.ignored,
    total: p.total,
    file: p.file,
  }
  const id = await ctx.core.jobs.enqueue(ctx.tx, ctx.tenant.id, IMPORT_QUEUE, payload, {
    createdBy: ctx.user.id,
  })
  await rememberMapping(ctx, ref, p.explicit)
  return {
    id,
    total: p.total,
    dryRun: o.dryRun,
    columns: p.headers.map((column, i) => ({ column, field: p.mapping.keys[i] })),
    ignoredColumns: p.mapping.ignored,
    ...detectedFormats(payload),
  }
}
