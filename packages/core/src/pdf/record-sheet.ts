/** The record sheet: every visible field of a record, in its detail sections, in the user's language. */
import type { RecordData } from '../entity/define-entity'
import { translate } from '../i18n/messages'
import type { RequestContext } from '../records/context'
import { entityMeta } from '../records/metadata'
import type { FieldMeta } from '../records/metadata-types'
import { PdfWriter } from './pdf-writer'

export function formatValue(ctx: RequestContext, f: FieldMeta, v: any): string {
  if (v === null || v === undefined || v === '') return ''
  const locale = ctx.locale === 'fr' ? 'fr-FR' : 'en-GB'
  switch (f.type) {
    case 'money':
      return new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(Number(v))
    case 'decimal':
    case 'percent':
      return `${new Intl.NumberFormat(locale).format(Number(v))}${f.type === 'percent' ? ' %' : ''}`
    case 'date':
      return new Intl.DateTimeFormat(locale, { timeZone: 'UTC' }).format(new Date(`${v}T00:00:00Z`))
    case 'datetime':
      return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(v))
    case 'boolean':
      return translate(ctx.core.messages, ctx.locale, v ? 'core:value.yes' : 'core:value.no')
    case 'select':
      return translate(
        ctx.core.messages,
        ctx.locale,
        f.options?.find((o) => o.value === v)?.label ?? String(v),
      )
    case 'multiSelect':
      return (v as string[])
        .map((x) =>
          translate(ctx.core.messages, ctx.locale, f.options?.find((o) => o.value === x)?.label ?? x),
        )
        .join(', ')
    case 'belongsTo':
    case 'user':
    case 'parent':
    case 'file':
      return v.title ?? v.id ?? ''
    case 'address':
      return [v.street, [v.postalCode, v.city].filter(Boolean).join(' '), v.region, v.country]
        .filter(Boolean)
        .join('\n')
    default:
      return String(v)
  }
}

export async function renderRecordSheet(
  ctx: RequestContext,
  ref: string,
  record: RecordData,
): Promise<Uint8Array> {
  const meta = await entityMeta(ctx, ref)
  const t = (k: string) => translate(ctx.core.messages, ctx.locale, k)
  const pdf = await PdfWriter.create({
    title: `${t(meta.label)} — ${record._title}`,
    author: ctx.tenant.name,
    footer: ctx.tenant.name,
  })
  pdf.text(t(meta.label).toUpperCase(), { size: 9, color: [0.4, 0.4, 0.5] })
  pdf.heading(String(record._title ?? ''))
  for (const section of meta.detail.sections) {
    const pairs: [string, string][] = section.fields
      .map((name) => meta.fields[name])
      .filter(Boolean)
      .map((f) => [t(f.label), formatValue(ctx, f, record[f.name])])
    if (!pairs.some(([, v]) => v)) continue
    pdf.space(6)
    pdf.text(t(section.label), { bold: true, size: 12 })
    pdf.space(2)
    pdf.fields(pairs)
  }
  pdf.space(10)
  pdf.text(
    `${t('core:field.updatedAt')} : ${formatValue(ctx, { type: 'datetime' } as FieldMeta, record.updatedAt)}`,
    { size: 8, color: [0.45, 0.45, 0.45] },
  )
  return pdf.save()
}

export const RECORD_SHEET = 'core.sheet'
