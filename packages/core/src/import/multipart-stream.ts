/**
 * A streaming `multipart/form-data` reader: parts come out one after the other and a part's bytes are
 * streamed, so a large uploaded file never sits in memory whole.
 * @module
 */
import { BadRequestError } from '../errors'

export interface MultipartPart {
  name: string
  filename?: string
  /** The part's declared `Content-Type`, lower-cased, without parameters. */
  contentType?: string
  /** The part's bytes. The reader drains what is left unread before moving to the next part. */
  body: AsyncGenerator<Uint8Array>
}

const HEADER_LIMIT = 16 * 1024

function malformed(): BadRequestError {
  return new BadRequestError('bad-request', 'Malformed multipart body', [
    { path: 'body', code: 'import_bad_multipart' },
  ])
}

/** The boundary of a `multipart/form-data` content type, or null. */
export function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType)) return null
  const m = /boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType)
  return m ? (m[1] ?? m[2]) : null
}

class Buffered {
  buf = Buffer.alloc(0)
  private ended = false
  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  async more(): Promise<boolean> {
    if (this.ended) return false
    const r = await this.reader.read()
    if (r.done) {
      this.ended = true
      return false
    }
    this.buf = this.buf.length ? Buffer.concat([this.buf, r.value]) : Buffer.from(r.value)
    return true
  }

  /** Waits until `needle` is buffered; returns its index, or -1 when the stream ends first or `limit` passes. */
  async find(needle: Buffer, limit = Number.POSITIVE_INFINITY): Promise<number> {
    for (;;) {
      const i = this.buf.indexOf(needle)
      if (i >= 0) return i
      if (this.buf.length > limit || !(await this.more())) return -1
    }
  }

  async atLeast(n: number): Promise<boolean> {
    while (this.buf.length < n) if (!(await this.more())) return false
    return true
  }
}

function parseDisposition(headers: string): { name: string; filename?: string; contentType?: string } | null {
  const lines = headers.split('\r\n')
  const line = lines.find((h) => /^content-disposition:/i.test(h))
  if (!line) return null
  const name = /\bname="([^"]*)"/i.exec(line)?.[1]
  const filename = /\bfilename="([^"]*)"/i.exec(line)?.[1]
  const type = lines
    .find((h) => /^content-type:/i.test(h))
    ?.slice('content-type:'.length)
    .split(';')[0]
    .trim()
    .toLowerCase()
  return name === undefined
    ? null
    : {
        name,
        ...(filename !== undefined ? { filename } : {}),
        ...(type ? { contentType: type } : {}),
      }
}

export async function* readMultipart(
  stream: ReadableStream<Uint8Array>,
  boundary: string,
): AsyncGenerator<MultipartPart> {
  const input = new Buffered(stream.getReader())
  const opening = Buffer.from(`--${boundary}`)
  const delimiter = Buffer.from(`\r\n--${boundary}`)
  const start = await input.find(opening, 64 * 1024)
  if (start < 0) throw malformed()
  input.buf = input.buf.subarray(start + opening.length)
  for (;;) {
    if (!(await input.atLeast(2))) throw malformed()
    if (input.buf[0] === 0x2d && input.buf[1] === 0x2d) return
    if (input.buf[0] !== 0x0d || input.buf[1] !== 0x0a) throw malformed()
    input.buf = input.buf.subarray(2)
    const end = await input.find(Buffer.from('\r\n\r\n'), HEADER_LIMIT)
    if (end < 0) throw malformed()
    const disposition = parseDisposition(input.buf.subarray(0, end).toString('utf8'))
    if (!disposition) throw malformed()
    input.buf = input.buf.subarray(end + 4)
    let finished = false
    const body = (async function* partBody() {
      for (;;) {
        const i = input.buf.indexOf(delimiter)
        if (i >= 0) {
          if (i > 0) yield input.buf.subarray(0, i)
          input.buf = input.buf.subarray(i + delimiter.length)
          finished = true
          return
        }
        const keep = delimiter.length - 1
        if (input.buf.length > keep) {
          const out = input.buf.subarray(0, input.buf.length - keep)
          input.buf = input.buf.subarray(input.buf.length - keep)
          yield out
        }
        if (!(await input.more())) throw malformed()
      }
    })()
    yield { ...disposition, body }
    if (!finished) for await (const _ of body) void _
  }
}

/** Reads a small text part whole; larger than `limit` bytes is a 400. */
export async function readTextPart(part: MultipartPart, limit = 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const b of part.body) {
    size += b.length
    if (size > limit) {
      throw new BadRequestError('bad-request', `Form field "${part.name}" is too large`, [
        { path: part.name, code: 'too_long', params: { max: limit } },
      ])
    }
    chunks.push(Buffer.from(b))
  }
  return Buffer.concat(chunks).toString('utf8')
}
