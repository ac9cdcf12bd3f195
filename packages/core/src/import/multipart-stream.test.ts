import { describe, expect, it } from 'vitest'
import { BadRequestError } from '../errors'
import { multipartBoundary, readMultipart, readTextPart } from './multipart-stream'

function streamOf(bytes: Uint8Array, piece: number): ReadableStream<Uint8Array> {
  let at = 0
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) return c.close()
      c.enqueue(bytes.slice(at, at + piece))
      at += piece
    },
  })
}

async function collect(stream: ReadableStream<Uint8Array>, boundary: string) {
  const out: Record<string, string> = {}
  for await (const part of readMultipart(stream, boundary)) {
    out[`${part.name}${part.filename ? `:${part.filename}` : ''}`] = await readTextPart(part, 10_000_000)
  }
  return out
}

describe('readMultipart', () => {
  it('streams the parts of a form, whatever the size of the pieces received', async () => {
    const form = new FormData()
    form.append('mapping', '{"Nom":"lastName"}')
    const file = `Nom\r\n${'Dupont\r\n'.repeat(5000)}--not-a-boundary\r\n`
    form.append('file', new Blob([file]), 'contacts.csv')
    const req = new Request('http://x/', { method: 'POST', body: form })
    const boundary = multipartBoundary(req.headers.get('content-type') ?? undefined)!
    const bytes = new Uint8Array(await req.arrayBuffer())
    for (const piece of [1, 7, 100, 65536]) {
      expect(await collect(streamOf(bytes, piece), boundary)).toEqual({
        mapping: '{"Nom":"lastName"}',
        'file:contacts.csv': file,
      })
    }
  })

  it('refuses a body that is not a well-formed form', async () => {
    const bad = new TextEncoder().encode('--b\r\nno headers end')
    await expect(collect(streamOf(bad, 4), 'b')).rejects.toBeInstanceOf(BadRequestError)
    expect(multipartBoundary('text/csv')).toBeNull()
    expect(multipartBoundary('multipart/form-data; boundary="abc"')).toBe('abc')
  })
})
