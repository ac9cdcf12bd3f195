/**
 * Why a user may or may not act on an entity or one of its records: for every action (the CRUD keys and
 * the entity's own actions), the effective scope, the roles that give it, whether it covers the record's
 * owner, and the field rules, following the same rules as the records engine.
 * @module
 */
import type { FieldRule, Scope } from '../plugin/define-plugin'
import type { ResolvedEntity } from '../plugin/registry'
import { CRUD_ACTIONS } from '../plugin/registry'
import type { RoleGrants } from './access'
import type { LoadedUser } from './load-access'

/** Actions that apply to the entity as a whole rather than to one record. */
const ENTITY_WIDE = new Set(['create', 'import', 'export'])

export type AccessReason =
  | 'admin'
  | 'inactive'
  | 'plugin-disabled'
  | 'granted'
  | 'no-grant'
  | 'out-of-scope'
  | 'not-visible'

export interface RoleScope {
  id: string
  name: string
  scope: Scope
}

export interface ActionAccess {
  action: string
  permission: string
  kind: 'crud' | 'action'
  scope: Scope
  allowed: boolean
  /** With a record and an owner-based entity: whether the scope reaches the record's owner. */
  ownerCovered: boolean | null
  reason: AccessReason
  /** Every role of the user, with the scope it gives for this permission. */
  roles: RoleScope[]
  /** The roles giving the effective scope. */
  grantedBy: RoleScope[]
}

export interface FieldAccess {
  field: string
  rule: FieldRule | null
  /** Roles that may read the entity, with their rule on this field. */
  roles: { id: string; name: string; rule: FieldRule | null }[]
}

export interface ExplainInput {
  user: LoadedUser
  entity: ResolvedEntity
  enabled: boolean
  /** The record's owner when a record was asked about (`null` owner: nobody owns it). */
  record?: { ownerId: string | null }
  /** The entity's actions contributed by enabled plugins. */
  actions: ResolvedEntity['actions']
  /** Field names as the records engine sees them (`custom.<name>` for custom fields). */
  fields: string[]
}

function roleScopes(roles: RoleGrants[], key: string): RoleScope[] {
  return roles.map((r) => ({ id: r.id ?? '', name: r.name ?? '', scope: r.grants[key] ?? 'none' }))
}

function actionAccess(
  input: ExplainInput,
  action: string,
  permission: string,
  kind: 'crud' | 'action',
): ActionAccess {
  const { user, entity, record } = input
  const access = user.access
  const roles = roleScopes(access.roles, permission)
  const owned = entity.ownership !== 'none'
  const scopeOf = (key: string): Scope => (owned ? access.scope(key) : access.can(key) ? 'all' : 'none')
  const scope = scopeOf(permission)
  const grantedBy = scope === 'none' || user.isAdmin ? [] : roles.filter((r) => r.scope === scope)
  const recordWise = record && !ENTITY_WIDE.has(action)
  const ownerCovered = recordWise && owned ? access.covers(scope, record.ownerId) : null
  const base = { action, permission, kind, scope, roles, grantedBy, ownerCovered }
  const deny = (reason: AccessReason): ActionAccess => ({ ...base, allowed: false, reason })
  if (user.status !== 'active') return deny('inactive')
  if (!input.enabled) return deny('plugin-disabled')
  if (user.isAdmin) return { ...base, allowed: true, reason: 'admin' }
  if (scope === 'none') return deny('no-grant')
  if (recordWise && owned) {
    // The engine first looks the record up with the read scope: out of it, every action answers 404.
    if (action !== 'read' && !access.covers(scopeOf(`${entity.ref}.read`), record.ownerId))
      return deny('not-visible')
    if (!ownerCovered) return deny('out-of-scope')
  }
  return { ...base, allowed: true, reason: 'granted' }
}

function fieldAccess(input: ExplainInput, field: string): FieldAccess | null {
  const { access } = input.user
  if (access.isAdmin) return null
  const readers = access.roles.filter((r) => (r.grants[`${input.entity.ref}.read`] ?? 'none') !== 'none')
  const roles = readers.map((r) => ({
    id: r.id ?? '',
    name: r.name ?? '',
    rule: r.fields[`${input.entity.ref}.${field}`] ?? null,
  }))
  if (!roles.some((r) => r.rule)) return null
  return { field, rule: access.fieldRule(input.entity.ref, field) ?? null, roles }
}

export function explainAccess(input: ExplainInput): { actions: ActionAccess[]; fields: FieldAccess[] } {
  const actions = [
    ...CRUD_ACTIONS.map((a) => actionAccess(input, a, `${input.entity.ref}.${a}`, 'crud')),
    ...input.actions.map((a) => actionAccess(input, a.id, a.permission, 'action')),
  ]
  const fields = input.fields.map((f) => fieldAccess(input, f)).filter((x): x is FieldAccess => !!x)
  return { actions, fields }
}
