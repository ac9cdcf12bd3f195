/**
 * Loads another user's rights in the current tenant (their roles, teams and admin flag), the way the
 * request context loads the caller's, so administrators can inspect them.
 * @module
 */
import { isUuid } from '../entity/validate'
import type { Locale } from '../plugin/define-plugin'
import type { RequestContext } from '../records/context'
import { Access, type RoleGrants } from './access'

export interface LoadedUser {
  id: string
  email: string
  name: string
  isAdmin: boolean
  status: string
  locale: Locale
  access: Access
}

const SQL = `SELECT u.id, u.email, u.name, u.is_admin, u.status, u.locale,
  (SELECT coalesce(json_agg(json_build_object('id', r.id, 'name', r.name, 'grants', r.grants, 'fields', r.fields) ORDER BY r.name), '[]'::json)
     FROM core_user_role ur JOIN core_role r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id
     WHERE ur.tenant_id = u.tenant_id AND ur.user_id = u.id) AS roles,
  (SELECT coalesce(json_agg(DISTINCT m2.user_id), '[]'::json) FROM core_team_member m1
     JOIN core_team_member m2 ON m2.tenant_id = m1.tenant_id AND m2.team_id = m1.team_id
     WHERE m1.tenant_id = u.tenant_id AND m1.user_id = u.id) AS team
  FROM core_user u WHERE u.tenant_id = $1 AND u.id = $2`

/** The user and their rights, or null when the id is not a user of this tenant. */
export async function loadUserAccess(ctx: RequestContext, userId: string): Promise<LoadedUser | null> {
  if (!isUuid(userId)) return null
  const [r] = await ctx.tx.query<any>(SQL, [ctx.tenant.id, userId])
  if (!r) return null
  const roles: RoleGrants[] = r.roles ?? []
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    isAdmin: r.is_admin,
    status: r.status,
    locale: r.locale,
    access: new Access(r.id, r.is_admin, roles, r.team ?? []),
  }
}
