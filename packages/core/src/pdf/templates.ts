/**
 * PDF templates: a plugin registers templates for its own entities (or, with `dependsOn`, for others');
 * core provides the record sheet for every entity. Templates read data through the records service, so
 * rights and tenancy apply.
 * @module
 */
import type { RecordData } from '../entity/define-entity'
import type { RequestContext } from '../records/context'

export interface PdfTemplateDef {
  /** Namespaced id: `invoices.standard`. */
  id: string
  /** Entity ref the template prints. */
  entity: string
  render(ctx: RequestContext, record: RecordData): Promise<Uint8Array>
  /** File name without extension (defaults to the record's title). */
  fileName?(record: RecordData): string
}
