/**
 * The options of an import, from the query string or the fields of a multipart form: mode, matching key,
 * dry run, preview, creation of missing linked records, and overrides of what is otherwise detected (delimiter,
 * encoding, date format, decimal separator). A bad value is a 400 naming the parameter.
 * @module
 */
import { BadRequestError, type FieldError } from '../errors'
import type { DateOrder, Decimal, Encoding } from './sniff'

export type ImportMode = 'create' | 'update' | 'upsert'

export interface ImportOptions {
  mode: ImportMode
  key?: string
  dryRun: boolean
  /** Only read the head of the file and propose a mapping: no job, nothing written. */
  preview: boolean
  createMissing: boolean
  delimiter?: string
  encoding?: Encoding
  dateOrder?: DateOrder | 'ymd'
  decimal?: Decimal
  mapping?: string
}

const DELIMITERS: Record<string, string> = {
  ';': ';',
  ',': ',',
  '\t': '\t',
  '|': '|',
  tab: '\t',
  semicolon: ';',
  comma: ',',
  pipe: '|',
}

const ENCODINGS: Record<string, Encoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'iso-8859-15': 'windows-1252',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
}

const DATE_FORMATS: Record<string, DateOrder | 'ymd'> = {
  'dd/mm/yyyy': 'dmy',
  'jj/mm/aaaa': 'dmy',
  'mm/dd/yyyy': 'mdy',
  'yyyy-mm-dd': 'ymd',
  'aaaa-mm-jj': 'ymd',
}

const DECIMALS: Record<string, Decimal> = {
  ',': ',',
  '.': '.',
  comma: ',',
  dot: '.',
  virgule: ',',
  point: '.',
}

function bool(v: string | undefined, path: string, errors: FieldError[]): boolean {
  if (v === undefined || v === '' || v === 'false' || v === '0') return false
  if (v === 'true' || v === '1') return true
  errors.push({ path, code: 'type_boolean' })
  return false
}

function pick<T>(
  table: Record<string, T>,
  v: string | undefined,
  path: string,
  errors: FieldError[],
): T | undefined {
  if (v === undefined || v === '') return undefined
  const hit = table[v.toLowerCase()] ?? table[v]
  if (hit === undefined)
    errors.push({ path, code: 'invalid_option', params: { options: Object.keys(table) } })
  return hit
}

/** Reads the options from `params` (query parameters, then form fields over them). */
export function readImportOptions(params: Record<string, string | undefined>): ImportOptions {
  const errors: FieldError[] = []
  const mode = (params.mode ?? 'create') as ImportMode
  if (!['create', 'update', 'upsert'].includes(mode)) {
    errors.push({ path: 'mode', code: 'invalid_option', params: { options: ['create', 'update', 'upsert'] } })
  }
  const key = params.key?.trim() || undefined
  if (key !== undefined && !/^[A-Za-z][A-Za-z0-9_.]{0,80}$/.test(key))
    errors.push({ path: 'key', code: 'import_invalid_key' })
  const options: ImportOptions = {
    mode,
    key,
    dryRun: bool(params.dryRun, 'dryRun', errors),
    preview: bool(params.preview, 'preview', errors),
    createMissing: bool(params.createMissing, 'createMissing', errors),
    delimiter: pick(DELIMITERS, params.delimiter, 'delimiter', errors),
    encoding: pick(ENCODINGS, params.encoding, 'encoding', errors),
    dateOrder: pick(DATE_FORMATS, params.dateFormat, 'dateFormat', errors),
    decimal: pick(DECIMALS, params.decimal, 'decimal', errors),
    mapping: params.mapping,
  }
  if (errors.length) throw new BadRequestError('bad-request', 'Invalid import parameters', errors)
  return options
}

/** The date format as users write it, for messages. */
export function dateFormatLabel(order: DateOrder | 'ymd', locale: 'fr' | 'en'): string {
  if (order === 'ymd') return locale === 'fr' ? 'aaaa-mm-jj' : 'yyyy-mm-dd'
  if (order === 'mdy') return locale === 'fr' ? 'mm/jj/aaaa' : 'mm/dd/yyyy'
  return locale === 'fr' ? 'jj/mm/aaaa' : 'dd/mm/yyyy'
}
