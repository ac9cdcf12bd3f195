/**
 * `/api/v1/files`: `POST` a multipart form with a `file` part to upload a file for a file field (201 with
 * its id, name, type and size; the record then refers to it by id), and `GET /:id` to read one back —
 * inline for images and PDF, as a download otherwise or with `?download=1`.
 * @module
 */
import { Hono } from 'hono'
import type { AppEnv } from '../http/env'
import { safeFileName } from '../pdf/file-name'
import { INLINE_TYPES } from './file-type'
import { fileContent, readableFile, receiveFile } from './uploads'

/** Default largest upload, in bytes (10 MiB); `CoreConfig.fileLimit` replaces it. */
export const DEFAULT_FILE_LIMIT = 10 * 1024 * 1024

export function fileRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>()
  r.post('/', async (c) => {
    const ctx = c.get('ctx')
    const file = await receiveFile(ctx, c.req.raw, ctx.core.config.fileLimit ?? DEFAULT_FILE_LIMIT)
    return c.json(file, 201)
  })
  r.get('/:id', async (c) => {
    const ctx = c.get('ctx')
    const meta = await readableFile(ctx, c.req.param('id'))
    const etag = `"${meta.sha256}"`
    const common = {
      etag,
      'cache-control': 'private, max-age=3600',
      'x-content-type-options': 'nosniff',
    }
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, common)
    const inline = INLINE_TYPES.has(meta.mime) && c.req.query('download') === undefined
    const name = safeFileName(meta.name)
    const bytes = await fileContent(ctx, meta.id)
    return c.body(bytes as unknown as ArrayBuffer, 200, {
      ...common,
      'content-type': inline ? meta.mime : 'application/octet-stream',
      'content-length': String(bytes.length),
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${name.ascii}"; filename*=UTF-8''${encodeURIComponent(name.utf8)}`,
      // Whatever the bytes are, they never run as a page of this site.
      'content-security-policy': inline && meta.mime !== 'application/pdf' ? "default-src 'none'" : 'sandbox',
    })
  })
  return r
}
