/**
 * Receiving the file of an import: the raw body (`text/csv`) or the `file` field of a multipart form,
 * streamed into storage while it is checked on the way — size limit, UTF-8 validity, and a count of its
 * rows so that progress can show a total from the start. Only the first megabyte is kept in memory, to
 * read the header and guess the formats.
 * @module
 */
import { BadRequestError, ComptoirError } from '../errors'
import type { RequestContext } from '../records/context'
import { CsvParser, type CsvRecord, CsvSyntaxError, isBlank } from './csv-parser'
import { FileWriter, type StoredFile } from './file-store'
import { multipartBoundary, readMultipart, readTextPart } from './multipart-stream'
import { bomEncoding, detectDelimiter, type Encoding, Utf8Check } from './sniff'

const SAMPLE_LIMIT = 1024 * 1024
const HEAD_LIMIT = 64 * 1024

export interface Upload {
  file: StoredFile
  /** The first bytes of the file. */
  sample: Uint8Array
  /** Whether `sample` is the whole file. */
  complete: boolean
  bom: Encoding | null
  utf8: boolean
  /** Text fields of a multipart form. */
  fields: Record<string, string>
  /** Non-blank data rows, counted with `countedWith` as delimiter. */
  rows: number
  countedWith: string
}

/** Counts records as bytes go by. Latin-1 keeps every ASCII byte where it is, which is all CSV syntax needs. */
class RowCounter {
  private parser?: CsvParser
  private decoder!: TextDecoder
  private head: Uint8Array[] = []
  private headBytes = 0
  private readonly out: CsvRecord[] = []
  records = 0
  delimiter = ','

  constructor(private readonly override: string | undefined) {}

  push(bytes: Uint8Array): void {
    if (this.parser) {
      this.feed(bytes)
      return
    }
    this.head.push(bytes)
    this.headBytes += bytes.length
    if (this.headBytes >= HEAD_LIMIT || bytes.includes(10) || bytes.includes(13)) this.start()
  }

  end(): void {
    if (!this.parser) this.start()
    this.parser!.push(this.decoder.decode(), this.out)
    this.parser!.end(this.out)
    this.count()
  }

  private start(): void {
    const head = Buffer.concat(this.head)
    const bom = bomEncoding(head)
    this.decoder = new TextDecoder(bom === 'utf-16le' || bom === 'utf-16be' ? bom : 'latin1')
    this.delimiter = this.override ?? detectDelimiter(new TextDecoder(this.decoder.encoding).decode(head))
    this.parser = new CsvParser(this.delimiter)
    this.head = []
    this.feed(head)
  }

  private feed(bytes: Uint8Array): void {
    this.parser!.push(this.decoder.decode(bytes, { stream: true }), this.out)
    this.count()
  }

  private count(): void {
    for (const r of this.out) if (!isBlank(r.cells)) this.records++
    this.out.length = 0
  }
}

async function* rawBody(req: Request): AsyncGenerator<Uint8Array> {
  if (!req.body) return
  const reader = req.body.getReader()
  for (;;) {
    const r = await reader.read()
    if (r.done) return
    yield r.value
  }
}

/** Streams the uploaded file into storage (inside the request's transaction) and returns what was learnt. */
export async function receiveUpload(
  ctx: RequestContext,
  req: Request,
  o: { maxBytes: number; delimiter?: string; name: string },
): Promise<Upload> {
  const writer = new FileWriter(ctx.tx, ctx.tenant.id, ctx.user.id ?? null, o.name)
  const utf8 = new Utf8Check()
  const counter = new RowCounter(o.delimiter)
  const sample: Uint8Array[] = []
  let sampled = 0
  let seenFile = false
  const fields: Record<string, string> = {}
  const take = async (bytes: AsyncIterable<Uint8Array>) => {
    seenFile = true
    for await (const b of bytes) {
      if (writer.size + b.length > o.maxBytes) {
        throw new ComptoirError(413, 'payload-too-large', `Import files are limited to ${o.maxBytes} bytes`)
      }
      if (sampled < SAMPLE_LIMIT) {
        const part = b.subarray(0, SAMPLE_LIMIT - sampled)
        sample.push(Buffer.from(part))
        sampled += part.length
      }
      utf8.push(b)
      counter.push(b)
      await writer.write(b)
    }
  }
  const boundary = multipartBoundary(req.headers.get('content-type') ?? undefined)
  if (boundary && req.body) {
    for await (const part of readMultipart(req.body, boundary)) {
      if (part.name === 'file' && !seenFile) await take(part.body)
      else fields[part.name] = await readTextPart(part)
    }
  } else await take(rawBody(req))
  if (!seenFile)
    throw new BadRequestError('bad-request', 'No file', [{ path: 'file', code: 'import_no_file' }])
  if (writer.size === 0)
    throw new BadRequestError('bad-request', 'Empty file', [{ path: 'file', code: 'import_empty' }])
  try {
    counter.end()
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e
    throw new BadRequestError('bad-request', e.message, [
      { path: 'file', code: 'import_unterminated_quote', params: { line: e.line } },
    ])
  }
  const head = Buffer.concat(sample)
  return {
    file: await writer.finish(),
    sample: head,
    complete: writer.size <= SAMPLE_LIMIT,
    bom: bomEncoding(head),
    utf8: utf8.end(),
    fields,
    rows: Math.max(counter.records - 1, 0),
    countedWith: counter.delimiter,
  }
}
