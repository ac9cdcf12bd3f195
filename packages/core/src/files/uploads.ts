/**
 * Files uploaded for file fields (`core_file` rows of kind `upload`): receiving one from a multipart
 * form, finding whether the user may read one, and the daily purge of uploads no record refers to.
 *
 * A user may read an upload they sent themselves (so a form can show what was just chosen) or one that
 * a file field of a record they can read refers to, the field not being hidden from them.
 * @module
 */
import { createHash } from 'node:crypto'
import { uuidv7 } from '../db/uuid'
import { ComptoirError, NotFoundError, ValidationError } from '../errors'
import { isUuid } from '../entity/validate'
import { multipartBoundary, readMultipart, readTextPart } from '../import/multipart-stream'
import type { RequestContext } from '../records/context'
import { scopeSql } from '../records/scope'
import { Params } from '../records/sql-params'
import { ident } from '../entity/naming'
import { allFileFields, fileFieldPredicates, visibleFileFields } from './file-refs'
import { cleanFileName, mediaType } from './file-type'

export interface UploadedFile {
  id: string
  name: string
  mime: string
  size: number
  sha256: string
  createdAt: string
}

/** How long an upload may wait for a record to refer to it before the daily purge removes it. */
export const ORPHAN_GRACE_MS = 24 * 3600 * 1000

/** Stores the `file` part of a multipart request; 413 above `maxBytes`, 422 when missing or empty. */
export async function receiveFile(
  ctx: RequestContext,
  req: Request,
  maxBytes: number,
): Promise<UploadedFile> {
  const boundary = multipartBoundary(req.headers.get('content-type') ?? undefined)
  if (!boundary || !req.body) throw new ValidationError([{ path: 'file', code: 'file_missing' }])
  let found: { name: string; declared?: string; bytes: Buffer } | undefined
  for await (const part of readMultipart(req.body, boundary)) {
    if (part.name !== 'file' || found || part.filename === undefined) {
      await readTextPart(part)
      continue
    }
    const chunks: Buffer[] = []
    let size = 0
    for await (const b of part.body) {
      size += b.length
      if (size > maxBytes)
        throw new ComptoirError(413, 'payload-too-large', `Files are limited to ${maxBytes} bytes`, {
          errors: [{ path: 'file', code: 'file_too_large', params: { max: maxBytes } }],
        })
      chunks.push(Buffer.from(b))
    }
    found = { name: part.filename, declared: part.contentType, bytes: Buffer.concat(chunks) }
  }
  if (!found) throw new ValidationError([{ path: 'file', code: 'file_missing' }])
  if (!found.bytes.length) throw new ValidationError([{ path: 'file', code: 'file_empty' }])
  const file = {
    id: uuidv7(),
    name: cleanFileName(found.name),
    mime: mediaType(found.bytes.subarray(0, 16), found.declared),
    size: found.bytes.length,
    sha256: createHash('sha256').update(found.bytes).digest('hex'),
  }
  const [row] = await ctx.tx.query<{ created_at: Date | string }>(
    `INSERT INTO core_file (tenant_id, id, name, mime, size, sha256, content, kind, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'upload', $8) RETURNING created_at`,
    [ctx.tenant.id, file.id, file.name, file.mime, file.size, file.sha256, found.bytes, ctx.user.id],
  )
  return { ...file, createdAt: new Date(row.created_at).toISOString() }
}

interface FileMeta {
  id: string
  name: string
  mime: string
  size: number
  sha256: string
  created_by: string | null
}

/** The upload's description if the user may read it; otherwise a 404 that says nothing more. */
export async function readableFile(ctx: RequestContext, id: string): Promise<FileMeta> {
  if (!isUuid(id)) throw new NotFoundError()
  const [meta] = await ctx.tx.query<FileMeta>(
    "SELECT id, name, mime, size, sha256, created_by FROM core_file WHERE tenant_id = $1 AND id = $2 AND kind = 'upload'",
    [ctx.tenant.id, id],
  )
  if (!meta) throw new NotFoundError()
  if (meta.created_by && meta.created_by === ctx.user.id) return meta
  for (const [ref, entity] of ctx.core.registry.entities) {
    if (!ctx.enabled.has(entity.plugin) || !ctx.access.can(`${ref}.read`)) continue
    if (!allFileFields(entity).some((f) => f.def.type === 'file')) continue
    const model = await (ctx.records(ref) as any).model()
    const p = new Params()
    const tenant = p.add(ctx.tenant.id)
    const preds = fileFieldPredicates(visibleFileFields(model), p.add(id))
    if (!preds.length) continue
    const where = [`t.tenant_id = ${tenant}`, 't.deleted_at IS NULL', `(${preds.join(' OR ')})`]
    const scope = scopeSql(ctx, model, 'read', p)
    if (scope) where.push(scope)
    const hit = await ctx.tx.query(
      `SELECT 1 FROM ${model.table} t WHERE ${where.join(' AND ')} LIMIT 1`,
      p.values,
    )
    if (hit.length) return meta
  }
  throw new NotFoundError()
}

export async function fileContent(ctx: RequestContext, id: string): Promise<Uint8Array> {
  const [row] = await ctx.tx.query<{ content: Uint8Array }>(
    'SELECT content FROM core_file WHERE tenant_id = $1 AND id = $2',
    [ctx.tenant.id, id],
  )
  if (!row) throw new NotFoundError()
  return row.content
}

/**
 * Deletes the tenant's uploads older than the grace period that no record refers to any more (records
 * in the recycle bin still do). Returns how many were deleted.
 */
export async function purgeOrphanUploads(ctx: RequestContext, now: Date): Promise<number> {
  const p = new Params()
  const tenant = p.add(ctx.tenant.id)
  const before = p.add(new Date(now.getTime() - ORPHAN_GRACE_MS).toISOString())
  const refs: string[] = []
  for (const entity of ctx.core.registry.entities.values()) {
    const preds = fileFieldPredicates(allFileFields(entity), 'f.id', 'r')
    if (preds.length)
      refs.push(
        `NOT EXISTS (SELECT 1 FROM ${ident(entity.table)} r WHERE r.tenant_id = f.tenant_id AND (${preds.join(' OR ')}))`,
      )
  }
  const rows = await ctx.tx.query(
    `DELETE FROM core_file f WHERE f.tenant_id = ${tenant} AND f.kind = 'upload' AND f.created_at < ${before}::timestamptz
     ${refs.map((r) => `AND ${r}`).join(' ')} RETURNING f.id`,
    p.values,
  )
  return rows.length
}
