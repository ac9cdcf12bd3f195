/**
 * `POST /api/v1/import/:entity?preview=true`: what an import of this file would read, before any choice
 * is final — the detected formats, the header and the first rows, the proposed mapping, the fields a
 * column can fill and the fields rows can be matched on. It checks the same rights and options as a real
 * import, then rolls back: no job, no stored file, nothing written.
 * @module
 */
import type { RequestContext } from '../records/context'
import { csvColumns } from './csv-columns'
import { type DetectedFormats, detectedFormats, KEY_TYPES, prepareImport } from './start-import'

const PREVIEW_ROWS = 20

export interface ImportPreview extends DetectedFormats {
  headers: string[]
  /** The first data rows, as text. */
  rows: string[][]
  /** Data rows in the whole file. */
  total: number
  /** Proposed mapping: the field each column fills, null when ignored. */
  columns: { column: string; field: string | null }[]
  ignoredColumns: string[]
  /** What a column can fill: `kind` `ref` is a linked record found by its name, number or SIRET. */
  fields: { key: string; label: string; kind: string; required: boolean }[]
  /** Fields rows can be matched on in update and upsert modes. */
  keys: { key: string; label: string }[]
}

class PreviewRollback extends Error {}

export async function previewImport(
  ctx: RequestContext,
  ref: string,
  req: Request,
  query: Record<string, string>,
  maxBytes: number,
): Promise<ImportPreview> {
  let preview!: ImportPreview
  await ctx.tx
    .savepoint(async () => {
      const p = await prepareImport(ctx, ref, req, query, maxBytes)
      const columns = csvColumns(p.model, ctx.core.messages).filter((c) => c.kind !== 'meta')
      const importKeys = p.model.entity.importKeys ?? []
      const keys = columns.filter((c) => {
        const mf = c.kind === 'value' ? c.field : undefined
        if (c.kind === 'id') return true
        return (
          mf?.origin === 'entity' &&
          KEY_TYPES.has(mf.def.type) &&
          (mf.def.unique || importKeys.includes(mf.name))
        )
      })
      const label = (c: (typeof columns)[number]) => c.headers[ctx.locale]
      preview = {
        headers: p.headers,
        rows: p.rows.slice(0, PREVIEW_ROWS).map((r) => r.cells),
        total: p.total,
        ...detectedFormats(p),
        columns: p.headers.map((column, i) => ({ column, field: p.mapping.keys[i] })),
        ignoredColumns: p.mapping.ignored,
        fields: columns.map((c) => ({
          key: c.key,
          label: label(c),
          kind: c.kind,
          required: Boolean(c.kind === 'value' && c.field?.def.required),
        })),
        keys: keys.map((c) => ({ key: c.key, label: label(c) })),
      }
      // Rolling back drops the stored file: a preview leaves nothing behind.
      throw new PreviewRollback()
    })
    .catch((e) => {
      if (!(e instanceof PreviewRollback)) throw e
    })
  return preview
}
