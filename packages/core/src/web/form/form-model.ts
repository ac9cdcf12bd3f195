/**
 * The pure parts of a record form: which fields it shows, their starting values, what changed, and how
 * server error paths map back onto fields.
 * @module
 */
import type { RecordData } from '../../entity/define-entity'
import type { FieldError } from '../../errors'
import type { EntityMeta, FieldMeta } from '../../records/metadata-types'
import { fieldPath, isEditable, readValue } from '../fields/field-def'

export interface FormSection {
  id: string
  label: string
  fields: FieldMeta[]
}

/** Sections in the detail layout's order; on create, read-only fields are left out. */
export function formSections(meta: EntityMeta, creating: boolean, otherLabel: string): FormSection[] {
  const shown = (f: FieldMeta | undefined): f is FieldMeta =>
    !!f && !f.hidden && f.rule !== 'hidden' && (!creating || isEditable(f))
  const placed = new Set<string>()
  const sections = meta.detail.sections.map((s) => {
    for (const n of s.fields) placed.add(n)
    return { id: s.id, label: s.label, fields: s.fields.map((n) => meta.fields[n]).filter(shown) }
  })
  const rest = Object.values(meta.fields).filter((f) => shown(f) && !placed.has(f.name))
  if (rest.length) sections.push({ id: 'other', label: otherLabel, fields: rest })
  return sections.filter((s) => s.fields.length > 0)
}

export function initialValues(meta: EntityMeta, record: RecordData | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of Object.values(meta.fields)) {
    if (f.hidden || f.rule === 'hidden') continue
    const v = record ? readValue(record, f) : f.default
    out[f.name] = v === undefined ? (f.type === 'boolean' ? false : f.type === 'multiSelect' ? [] : null) : v
  }
  return out
}

/** A copy for "duplicate": editable values only, without unique or numbered fields. */
export function duplicateValues(meta: EntityMeta, record: RecordData): Record<string, unknown> {
  const all = initialValues(meta, record)
  const out: Record<string, unknown> = {}
  for (const f of Object.values(meta.fields)) {
    if (isEditable(f) && !f.unique && meta.numbering?.field !== f.name) out[f.name] = all[f.name]
  }
  return out
}

function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) =>
    v && typeof v === 'object' && 'id' in v ? (v as { id: unknown }).id : (v ?? null)
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b))
}

export function changedFields(before: Record<string, unknown>, now: Record<string, unknown>): string[] {
  return Object.keys(now).filter((k) => !same(before[k], now[k]))
}

/** `lines.0.quantity` → `lines`; `custom.size` → the custom field named `size`. */
export function errorField(meta: EntityMeta, e: FieldError): string | undefined {
  const byPath = Object.values(meta.fields).find(
    (f) => fieldPath(f) === e.path || e.path.startsWith(`${fieldPath(f)}.`),
  )
  if (byPath) return byPath.name
  const first = e.path.split('.')[0]
  return meta.fields[first] ? first : undefined
}
