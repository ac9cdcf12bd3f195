/**
 * A user's effective rights in one tenant: the union of their roles' grants (the widest scope wins),
 * their field rules, and the members of their teams (for `team` scope). Tenant admins have everything.
 * @module
 */
import type { FieldRule, Scope } from '../plugin/define-plugin'

const RANK: Record<Scope, number> = { none: 0, own: 1, team: 2, all: 3 }

export interface RoleGrants {
  id?: string
  name?: string
  grants: Record<string, Scope>
  fields: Record<string, FieldRule>
}

export function widest(a: Scope | undefined, b: Scope | undefined): Scope {
  const x = a ?? 'none'
  const y = b ?? 'none'
  return RANK[x] >= RANK[y] ? x : y
}

export function isScope(x: unknown): x is Scope {
  return x === 'all' || x === 'team' || x === 'own' || x === 'none'
}

export class Access {
  readonly userId: string
  readonly isAdmin: boolean
  /** Users whose records `team` scope reaches: the user and the members of their teams. */
  readonly teamMemberIds: string[]
  readonly roles: RoleGrants[]
  private readonly grants = new Map<string, Scope>()
  /** The roles that may read each entity, as `fieldRule` asks for them field after field. */
  private readonly readersByRef = new Map<string, RoleGrants[]>()

  constructor(userId: string, isAdmin: boolean, roles: RoleGrants[], teamMemberIds: string[]) {
    this.userId = userId
    this.isAdmin = isAdmin
    this.roles = roles
    this.teamMemberIds = [...new Set([userId, ...teamMemberIds])]
    for (const r of roles)
      for (const [k, s] of Object.entries(r.grants)) this.grants.set(k, widest(this.grants.get(k), s))
  }

  /** Scope granted for a permission key (`contacts.contact.read`, `leads.lead.convert`). */
  scope(key: string): Scope {
    if (this.isAdmin) return 'all'
    return this.grants.get(key) ?? 'none'
  }

  can(key: string): boolean {
    return this.scope(key) !== 'none'
  }

  /** `hidden` only when every role that may read the entity hides the field; likewise `readOnly`. */
  fieldRule(ref: string, field: string): FieldRule | undefined {
    if (this.isAdmin) return undefined
    let readers = this.readersByRef.get(ref)
    if (!readers) {
      readers = this.roles.filter((r) => (r.grants[`${ref}.read`] ?? 'none') !== 'none')
      this.readersByRef.set(ref, readers)
    }
    if (!readers.length) return undefined
    const rules = readers.map((r) => r.fields[`${ref}.${field}`])
    if (rules.every((x) => x === 'hidden')) return 'hidden'
    if (rules.every((x) => x === 'hidden' || x === 'readOnly')) return 'readOnly'
    return undefined
  }

  /** Whether a record owned by `ownerId` is within `scope`. */
  covers(scope: Scope, ownerId: string | null | undefined): boolean {
    if (scope === 'all') return true
    if (scope === 'none') return false
    if (!ownerId) return false
    if (scope === 'own') return ownerId === this.userId
    return this.teamMemberIds.includes(ownerId)
  }

  /** All grants, for the web app (which hides what the server would refuse anyway). */
  effectiveGrants(keys: Iterable<string>): Record<string, Scope> {
    const out: Record<string, Scope> = {}
    for (const k of keys) out[k] = this.scope(k)
    return out
  }
}
