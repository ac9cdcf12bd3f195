/**
 * Turns a create/update body into validated values: entity fields, fields added by other plugins, tenant
 * custom fields and the owner. Field rules apply here: writing a hidden or read-only field is a 403
 * naming the field; everything else invalid is one 422 listing every field.
 * @module
 */
import type { RecordData } from '../entity/define-entity'
import { validateRecord } from '../entity/validate'
import { ForbiddenError, type FieldError, ValidationError } from '../errors'
import type { FieldDef } from '../entity/fields'
import type { RequestContext } from './context'
import type { EntityModel } from './entity-model'

/** Keys a client may echo back from a read; they are never written. */
const META_KEYS = [
  'id',
  'version',
  '_title',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'team',
  'deletedAt',
]

export interface WriteInput {
  /** Entity field values (API shape), only the keys being written. */
  values: Record<string, unknown>
  /** Values for the `custom` jsonb: tenant custom fields and other plugins' fields. */
  customValues: Record<string, unknown>
  ownerId?: string
}

function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) =>
    v && typeof v === 'object' && 'id' in (v as object) && !('entity' in (v as object))
      ? (v as { id: unknown }).id
      : v
  return JSON.stringify(norm(a) ?? null) === JSON.stringify(norm(b) ?? null)
}

/**
 * Field rules on tenant custom fields (`custom: {rating: 3}`, rules keyed `custom.rating`): a hidden one
 * is refused like a hidden entity field (rather than reported unknown), a read-only one unless unchanged.
 */
function checkCustomRules(
  ctx: RequestContext,
  model: EntityModel,
  given: Record<string, unknown>,
  op: 'create' | 'update',
  before: RecordData | undefined,
): void {
  const stored = (before?.custom ?? {}) as Record<string, unknown>
  for (const [key, value] of Object.entries(given)) {
    const path = `custom.${key}`
    const rule = ctx.access.fieldRule(model.ref, path)
    if (rule === 'hidden')
      throw new ForbiddenError('field-hidden', `Field "${path}" is not accessible`, {
        errors: [{ path, code: 'field_hidden' }],
      })
    const unchanged = op === 'update' && same(value, stored[key])
    if (rule === 'readOnly' && !unchanged)
      throw new ForbiddenError('field-read-only', `Field "${path}" is read-only`, {
        errors: [{ path, code: 'field_read_only' }],
      })
  }
}

export function readWriteInput(
  ctx: RequestContext,
  model: EntityModel,
  body: unknown,
  op: 'create' | 'update',
  before: RecordData | undefined,
  system: boolean,
): WriteInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError([{ path: '', code: 'type_object' }])
  }
  const data = body as Record<string, unknown>
  const entity = model.entity
  const errors: FieldError[] = []
  const entityFields: Record<string, FieldDef> = {}
  const extFields: Record<string, FieldDef> = {}
  const provided: Record<string, unknown> = {}
  const extProvided: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(data)) {
    if (META_KEYS.includes(key) || key === 'owner' || key === 'custom') continue
    const rule = system ? undefined : ctx.access.fieldRule(entity.ref, key)
    const known =
      (Object.hasOwn(entity.fields, key) ? entity.fields[key] : undefined) ??
      (model.fields.get(key)?.origin === 'ext' ? model.fields.get(key)!.def : undefined)
    if (!known) {
      errors.push({ path: key, code: 'unknown_field' })
      continue
    }
    if (rule === 'hidden')
      throw new ForbiddenError('field-hidden', `Field "${key}" is not accessible`, {
        errors: [{ path: key, code: 'field_hidden' }],
      })
    const unchanged = op === 'update' && before && same(value, before[key])
    if (rule === 'readOnly' && !unchanged) {
      throw new ForbiddenError('field-read-only', `Field "${key}" is read-only`, {
        errors: [{ path: key, code: 'field_read_only' }],
      })
    }
    if (known.type === 'computed' || unchanged) continue
    // An explicit number on create only for system work and importers (carrying over legacy numbers).
    const isNumbering = entity.numbering?.field === key && (system || ctx.access.can(`${entity.ref}.import`))
    if (known.readOnly && !system && !(isNumbering && op === 'create')) {
      if (op === 'create' && (value === null || value === undefined || value === '')) continue
      errors.push({ path: key, code: 'read_only' })
      continue
    }
    if (Object.hasOwn(entity.fields, key)) {
      entityFields[key] = known
      provided[key] = value
    } else {
      extFields[key] = known
      extProvided[key] = value
    }
  }
  const fieldsToCheck =
    op === 'create'
      ? Object.fromEntries(
          Object.entries(entity.fields).filter(([n, d]) => !(d.readOnly && !(n in provided))),
        )
      : entityFields
  const main = validateRecord(fieldsToCheck, provided, { partial: op === 'update' })
  errors.push(...main.errors)
  const ext = validateRecord(extFields, extProvided, { partial: true })
  errors.push(...ext.errors)
  const customValues: Record<string, unknown> = {}
  for (const [name, v] of Object.entries(ext.values)) customValues[model.fields.get(name)!.jsonKey!] = v
  if (data.custom !== undefined) {
    if (typeof data.custom !== 'object' || data.custom === null || Array.isArray(data.custom)) {
      errors.push({ path: 'custom', code: 'type_object' })
    } else {
      const given = data.custom as Record<string, unknown>
      if (!system) checkCustomRules(ctx, model, given, op, before)
      const defs: Record<string, FieldDef> = {}
      for (const mf of model.fields.values()) if (mf.origin === 'custom') defs[mf.jsonKey!] = mf.def
      const c = validateRecord(defs, given, {
        partial: op === 'update',
        prefix: 'custom.',
      })
      errors.push(...c.errors)
      Object.assign(customValues, c.values)
    }
  } else if (op === 'create') {
    for (const mf of model.fields.values()) {
      if (mf.origin === 'custom' && mf.def.required) errors.push({ path: mf.name, code: 'required' })
    }
  }
  let ownerId: string | undefined
  if (data.owner !== undefined && data.owner !== null) {
    const o = typeof data.owner === 'object' ? (data.owner as { id?: unknown }).id : data.owner
    if (typeof o !== 'string' || !/^[0-9a-f-]{36}$/i.test(o))
      errors.push({ path: 'owner', code: 'invalid_reference' })
    else ownerId = o.toLowerCase()
  }
  if (errors.length) throw new ValidationError(errors)
  return { values: main.values, customValues, ownerId }
}
