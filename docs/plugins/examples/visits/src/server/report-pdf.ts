/**
 * The visit report as a PDF: `GET /api/v1/records/visits.visit/<id>/pdf/visits.report`. Core reads the
 * record through the records service first, so rights and tenancy apply before `render` runs.
 * @module
 */
import { type PdfTemplateDef, PdfWriter } from '@comptoir/core/server'

export const reportPdf: PdfTemplateDef = {
  id: 'visits.report',
  entity: 'visits.visit',
  async render(ctx, visit) {
    const label = (key: string) => ctx.t(`visits:${key}`)
    const pdf = await PdfWriter.create({ title: visit.subject, footer: ctx.tenant.name })
    pdf.heading(visit.subject)
    pdf.fields([
      [label('field.visit.account'), visit.account?._title ?? ''],
      [label('field.visit.scheduledAt'), new Date(visit.scheduledAt).toLocaleString(ctx.locale)],
      [label('field.visit.status'), label(`option.visit.status.${visit.status}`)],
    ])
    pdf.space(12)
    pdf.text(label('field.visit.report'), { bold: true })
    pdf.text(visit.report ?? '')
    return pdf.save()
  },
  fileName: (visit) => `visite-${visit.subject}`,
}
