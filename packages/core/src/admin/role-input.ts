/**
 * Checks a role's body: every grant key must be a permission of an installed plugin and every scope one
 * of `all | team | own | none`; every field rule must name a field of a registered entity (its own, one
 * another plugin adds, or one of the tenant's custom fields as `custom.<name>`) and be `hidden` or `readOnly`.
 * @module
 */
import type { FieldError } from '../errors'
import type { FieldRule, Scope } from '../plugin/define-plugin'
import type { RequestContext } from '../records/context'
import { isScope } from '../rights/access'

const MAX_KEYS = 5000

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

export function readGrants(
  ctx: RequestContext,
  raw: unknown,
  errors: FieldError[],
): Record<string, Scope> | undefined {
  if (raw === undefined) return undefined
  if (!isMap(raw) || Object.keys(raw).length > MAX_KEYS) {
    errors.push({ path: 'grants', code: 'type_object' })
    return undefined
  }
  const out: Record<string, Scope> = {}
  for (const [key, scope] of Object.entries(raw)) {
    if (!ctx.core.registry.permissions.has(key))
      errors.push({ path: `grants.${key}`, code: 'unknown_permission', params: { key } })
    else if (!isScope(scope))
      errors.push({
        path: `grants.${key}`,
        code: 'invalid_option',
        params: { options: ['all', 'team', 'own', 'none'] },
      })
    else out[key] = scope
  }
  return out
}

/** The entity a `<ref>.<field>` key starts with, and the field part. */
function splitFieldKey(ctx: RequestContext, key: string): { ref: string; field: string } | null {
  for (const ref of ctx.core.registry.entities.keys()) {
    if (key.startsWith(`${ref}.`)) return { ref, field: key.slice(ref.length + 1) }
  }
  return null
}

export async function readFieldRules(
  ctx: RequestContext,
  raw: unknown,
  errors: FieldError[],
): Promise<Record<string, FieldRule> | undefined> {
  if (raw === undefined) return undefined
  if (!isMap(raw) || Object.keys(raw).length > MAX_KEYS) {
    errors.push({ path: 'fields', code: 'type_object' })
    return undefined
  }
  const custom = await ctx.tx.query<{ entity: string; name: string }>(
    'SELECT entity, name FROM core_custom_field WHERE tenant_id = $1',
    [ctx.tenant.id],
  )
  const customKeys = new Set(custom.map((c) => `${c.entity}.custom.${c.name}`))
  const out: Record<string, FieldRule> = {}
  for (const [key, rule] of Object.entries(raw)) {
    const parts = splitFieldKey(ctx, key)
    const entity = parts && ctx.core.registry.entities.get(parts.ref)
    const known =
      !!entity && (!!entity.fields[parts.field] || !!entity.extFields[parts.field] || customKeys.has(key))
    if (!known) errors.push({ path: `fields.${key}`, code: 'unknown_field', params: { key } })
    else if (rule !== 'hidden' && rule !== 'readOnly') {
      errors.push({
        path: `fields.${key}`,
        code: 'invalid_option',
        params: { options: ['hidden', 'readOnly'] },
      })
    } else out[key] = rule
  }
  return out
}
