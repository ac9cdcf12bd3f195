/**
 * Which calls a role must never get a 2xx for, on records owned by a tenant administrator the caller
 * shares no team with. Only refusals are predicted: what a role may do is checked by the plugins' own
 * tests; what it must not do is checked here, on every route.
 * @module
 */
import type { RoleTemplateId } from '@comptoir/core'

export type MatrixRole = RoleTemplateId | 'none'

/** Actions whose scope does not cover another user's record, per role (role templates of the plugins). */
const DENIED_ON_OTHERS: Record<MatrixRole, RegExp> = {
  admin: /^$/,
  'sales-manager': /^(purge)$/,
  'sales-rep': /^(update|delete|restore|purge|action|link|bulk)$/,
  'read-only': /^(create|update|delete|restore|purge|action|link|bulk)$/,
  none: /^(read|create|update|delete|restore|purge|action|link|bulk)$/,
}

/** The action a call performs on records, or null when it is not a records call. */
function recordAction(method: string, path: string): string | null {
  if (/^\/api\/v1\/trash\/[^/]+\/[^/]+\/restore$/.test(path)) return 'restore'
  if (/^\/api\/v1\/trash\/[^/]+\/[^/]+$/.test(path)) return method === 'DELETE' ? 'purge' : null
  const m = /^\/api\/v1\/records\/[^/]+(\/.*)?$/.exec(path)
  if (!m) return null
  const rest = m[1] ?? ''
  if (rest === '') return method === 'GET' ? 'read' : 'create'
  if (rest === '/bulk') return 'bulk'
  if (rest.includes('/links/')) return 'link'
  if (rest.includes('/actions/')) return 'action'
  if (method === 'GET') return 'read'
  return method === 'DELETE' ? 'delete' : 'update'
}

/** True when `role` must be refused this call. */
export function mustDeny(role: MatrixRole, method: string, path: string): boolean {
  if (role === 'admin') return false
  if (path.startsWith('/api/v1/admin/')) return true
  const action = recordAction(method, path)
  if (!action) return false
  // Pipeline stages are shared settings: managers change them, the other roles only read them.
  if (path.includes('/deals.stage')) return role === 'none' || (role !== 'sales-manager' && action !== 'read')
  return DENIED_ON_OTHERS[role].test(action)
}
