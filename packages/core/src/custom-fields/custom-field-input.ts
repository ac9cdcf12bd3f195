/**
 * Checks a custom field definition: the entity (a registered entity of an enabled plugin), the name
 * (`^[a-z][a-zA-Z0-9]{0,40}$`, unique per entity), the type (`CUSTOM_FIELD_TYPES`), French and English
 * labels, and the options, which selects need and other types refuse.
 * @module
 */
import { f } from '../entity/fields'
import { validateRecord } from '../entity/validate'
import type { FieldError } from '../errors'
import type { RequestContext } from '../records/context'
import { CUSTOM_FIELD_TYPES } from '../records/entity-model'

export const NAME_RE = /^[a-z][a-zA-Z0-9]{0,40}$/
const SELECTS = new Set(['select', 'multiSelect'])
const MAX_OPTIONS = 200

const FIELDS = {
  entity: f.text({ required: true, maxLength: 200 }),
  name: f.text({ required: true, maxLength: 41 }),
  type: f.select({ required: true, options: CUSTOM_FIELD_TYPES }),
  required: f.boolean(),
  position: f.integer({ min: 0, max: 10_000 }),
}
const LABEL = f.text({ required: true, maxLength: 100 })
const OPTION = f.text({ required: true, maxLength: 100 })

export interface CustomFieldInput {
  entity?: string
  name?: string
  type?: string
  labels?: { fr: string; en: string }
  options?: string[]
  required?: boolean
  position?: number
}

function readLabels(raw: unknown, errors: FieldError[]): { fr: string; en: string } | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    errors.push({ path: 'labels', code: raw === undefined ? 'required' : 'type_object' })
    return undefined
  }
  const r = validateRecord({ fr: LABEL, en: LABEL }, raw as Record<string, unknown>, { prefix: 'labels.' })
  errors.push(...r.errors)
  return r.errors.length ? undefined : (r.values as { fr: string; en: string })
}

function readOptions(raw: unknown, type: string | undefined, errors: FieldError[]): string[] | undefined {
  const select = type !== undefined && SELECTS.has(type)
  if (!select) {
    if (raw !== undefined && !(Array.isArray(raw) && raw.length === 0))
      errors.push({ path: 'options', code: 'not_allowed' })
    return raw === undefined ? undefined : []
  }
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_OPTIONS) {
    errors.push({
      path: 'options',
      code: raw === undefined ? 'required' : 'invalid_format',
      params: { max: MAX_OPTIONS },
    })
    return undefined
  }
  const out: string[] = []
  raw.forEach((o, i) => {
    const r = validateRecord({ [i]: OPTION }, { [i]: o }, { prefix: 'options.' })
    if (r.errors.length) errors.push(...r.errors)
    else if (out.includes(r.values[i] as string)) errors.push({ path: `options.${i}`, code: 'unique' })
    else out.push(r.values[i] as string)
  })
  return out
}

/** A new field: every part is checked. */
export async function readNewField(ctx: RequestContext, body: Record<string, unknown>, errors: FieldError[]) {
  const base = validateRecord(FIELDS, body, { allowExtra: ['labels', 'options'] })
  errors.push(...base.errors)
  const v = base.values as {
    entity?: string
    name?: string
    type?: string
    required?: boolean
    position?: number | null
  }
  const entity = v.entity ? ctx.core.registry.entities.get(v.entity) : undefined
  if (v.entity && (!entity || !ctx.enabled.has(entity.plugin)))
    errors.push({ path: 'entity', code: 'invalid_option' })
  if (v.name && !NAME_RE.test(v.name)) errors.push({ path: 'name', code: 'invalid_format' })
  if (v.entity && v.name && !errors.some((e) => e.path === 'name' || e.path === 'entity')) {
    const taken = await ctx.tx.query(
      'SELECT 1 FROM core_custom_field WHERE tenant_id = $1 AND entity = $2 AND name = $3',
      [ctx.tenant.id, v.entity, v.name],
    )
    if (taken.length) errors.push({ path: 'name', code: 'unique' })
  }
  const labels = readLabels(body.labels, errors)
  // Without a valid type there is nothing to check the options against.
  const options = v.type ? readOptions(body.options, v.type, errors) : undefined
  return { ...v, position: v.position ?? 0, labels, options: options ?? [] }
}

/** Changes to an existing field: entity, name and type are fixed once created. */
export function readFieldChanges(
  current: { entity: string; name: string; type: string },
  body: Record<string, unknown>,
  errors: FieldError[],
): CustomFieldInput {
  for (const key of ['entity', 'name', 'type'] as const) {
    if (body[key] !== undefined && body[key] !== current[key]) errors.push({ path: key, code: 'read_only' })
  }
  const base = validateRecord({ required: FIELDS.required, position: FIELDS.position }, body, {
    partial: true,
    allowExtra: ['entity', 'name', 'type', 'labels', 'options'],
  })
  errors.push(...base.errors)
  const out: CustomFieldInput = { ...(base.values as { required?: boolean; position?: number }) }
  if (body.labels !== undefined) out.labels = readLabels(body.labels, errors)
  if (body.options !== undefined) out.options = readOptions(body.options, current.type, errors)
  return out
}
