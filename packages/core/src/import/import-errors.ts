/**
 * Row errors of an import, kept per batch as a small JSON file (`core_file`) written in the batch's
 * transaction: appending never rewrites what earlier batches reported, however many errors a file has.
 * Read back in the reader's language.
 * @module
 */
import { createHash } from 'node:crypto'
import { uuidv7 } from '../db/uuid'
import type { Queryable } from '../db/database'
import { translate } from '../i18n/messages'
import type { Locale, Messages } from '../plugin/define-plugin'
import type { RequestContext } from '../records/context'
import { dateFormatLabel } from './import-options'
import type { RowError } from './import-job-data'

export interface ShownError {
  line: number
  column: string
  field: string
  code: string
  message: string
}

export async function storeErrors(
  ctx: RequestContext,
  jobId: string,
  batch: number,
  errors: RowError[],
): Promise<string> {
  const id = uuidv7()
  const content = Buffer.from(JSON.stringify(errors))
  await ctx.tx.query(
    `INSERT INTO core_file (tenant_id, id, name, mime, size, sha256, content, created_by)
     VALUES ($1, $2, $3, 'application/json', $4, $5, $6, $7)`,
    [
      ctx.tenant.id,
      id,
      `import-${jobId}-errors-${batch}.json`,
      content.length,
      createHash('sha256').update(content).digest('hex'),
      content,
      ctx.user.id ?? null,
    ],
  )
  return id
}

export function errorMessage(messages: Record<Locale, Messages>, locale: Locale, e: RowError): string {
  const params = { ...(e.params ?? {}) }
  if (typeof params.format === 'string') params.format = dateFormatLabel(params.format as 'dmy', locale)
  if (Array.isArray(params.options)) params.options = params.options.join(', ')
  for (const key of [`core:error.${e.code}`, `core:problem.${e.code}`]) {
    const text = translate(messages, locale, key, params)
    if (text !== key) return text
  }
  return e.code
}

/** Errors `offset` to `offset + limit` of the job, in file order. */
export async function readErrors(
  tx: Queryable,
  tenantId: string,
  files: string[],
  offset: number,
  limit: number,
): Promise<RowError[]> {
  const out: RowError[] = []
  let skipped = 0
  for (let i = 0; i < files.length && out.length < limit; i += 20) {
    const ids = files.slice(i, i + 20)
    const rows = await tx.query<{ id: string; content: Uint8Array }>(
      'SELECT id, content FROM core_file WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
      [tenantId, ids],
    )
    const byId = new Map(rows.map((r) => [r.id, r.content]))
    for (const id of ids) {
      const content = byId.get(id)
      if (!content) continue
      const errors = JSON.parse(Buffer.from(content).toString('utf8')) as RowError[]
      if (skipped + errors.length <= offset) {
        skipped += errors.length
        continue
      }
      const from = Math.max(0, offset - skipped)
      skipped += from
      out.push(...errors.slice(from, from + limit - out.length))
      skipped += errors.length - from
    }
  }
  return out
}
