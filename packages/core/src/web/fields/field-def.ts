/**
 * Bridges the bootstrap's `FieldMeta` and the isomorphic validator: rebuilds a `FieldDef` from the
 * metadata, and reads or writes a field's value where the API keeps it (custom fields live under `custom`).
 * @module
 */
import type { RecordData } from '../../entity/define-entity'
import type { FieldDef } from '../../entity/fields'
import type { FieldMeta } from '../../records/metadata-types'

const TEXT_MAX: Record<string, number> = { text: 255, longText: 100_000, email: 254, phone: 40, url: 2048 }
const NUMBER_SHAPE: Record<string, [number, number]> = {
  integer: [10, 0],
  decimal: [18, 4],
  money: [18, 2],
  percent: [5, 2],
}

export function fieldDef(m: FieldMeta): FieldDef {
  const common = {
    required: m.required,
    unique: m.unique,
    readOnly: m.readOnly,
    searchable: m.searchable,
    indexed: false,
    hidden: m.hidden,
    personal: false,
  }
  switch (m.type) {
    case 'text':
    case 'longText':
    case 'email':
    case 'phone':
    case 'url':
      return { ...common, type: m.type, maxLength: m.maxLength ?? TEXT_MAX[m.type] }
    case 'integer':
    case 'decimal':
    case 'money':
    case 'percent': {
      const [precision, scale] = NUMBER_SHAPE[m.type]
      return {
        ...common,
        type: m.type,
        precision: m.precision ?? precision,
        scale: m.scale ?? scale,
        min: m.min,
        max: m.max,
      }
    }
    case 'date':
    case 'datetime':
      return { ...common, type: m.type }
    case 'boolean':
      return { ...common, type: 'boolean' }
    case 'select':
    case 'multiSelect':
      return { ...common, type: m.type, options: (m.options ?? []).map((o) => o.value) }
    case 'belongsTo':
      return {
        ...common,
        type: 'belongsTo',
        target: m.target ?? '',
        onDelete: 'keep',
        relatedList: true,
        noCycle: false,
      }
    case 'parent':
      return { ...common, type: 'parent', targets: m.targets ?? [], onDelete: 'keep', relatedList: true }
    case 'address':
      return { ...common, type: 'address', indexedParts: [] }
    case 'user':
      return { ...common, type: 'user' }
    case 'file':
      return { ...common, type: 'file', accept: m.accept ?? [], maxSize: m.maxSize ?? 10 * 1024 * 1024 }
    case 'computed':
      return { ...common, type: 'computed', sql: '', resultType: (m.resultType as 'text') ?? 'text' }
  }
}

/** The key of a custom or extension field inside the record's `custom` object. */
function customKey(m: FieldMeta): string {
  // A tenant's custom field is named `custom.<key>` in metadata; an extension field keeps its own
  // name and is stored under `<plugin>.<name>`.
  if (m.origin === 'custom') return m.name.startsWith('custom.') ? m.name.slice('custom.'.length) : m.name
  return m.name.includes('.') ? m.name : `${m.plugin}.${m.name}`
}

/** The name lists filter and sort by: `custom.<name>` for custom fields. */
export function fieldPath(m: FieldMeta): string {
  return m.origin === 'entity' ? m.name : `custom.${customKey(m)}`
}

export function readValue(record: RecordData | undefined, m: FieldMeta): unknown {
  if (!record) return undefined
  return m.origin === 'entity' ? record[m.name] : record.custom?.[customKey(m)]
}

/** Puts form values (keyed by field name) where the API expects them. */
export function toPayload(values: Record<string, unknown>, fields: Record<string, FieldMeta>): RecordData {
  const out: RecordData = {}
  for (const [name, value] of Object.entries(values)) {
    const m = fields[name]
    if (!m || m.origin === 'entity') out[name] = value
    else out.custom = { ...out.custom, [customKey(m)]: value }
  }
  return out
}

/** Whether a user may type into this field at all. */
export function isEditable(m: FieldMeta): boolean {
  return !m.readOnly && m.rule !== 'readOnly' && !m.hidden && m.type !== 'computed'
}

/** `accounts.account` → `/m/accounts/account`, with the record id when given. */
export function recordPath(ref: string, id?: string, suffix?: string): string {
  const dot = ref.indexOf('.')
  const path = `/m/${ref.slice(0, dot)}/${ref.slice(dot + 1)}`
  return id ? `${path}/${id}${suffix ? `/${suffix}` : ''}` : path
}
