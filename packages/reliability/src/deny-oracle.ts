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

/** Roles whose templates grant no import (`sales-manager` imports everything). */
const NO_IMPORT: MatrixRole[] = ['sales-rep', 'read-only', 'none']
/** Roles whose templates grant no export (`sales-rep` exports its own records: an empty file here). */
const NO_EXPORT: MatrixRole[] = ['read-only', 'none']

/**
 * True when `role` must be refused this call. The calls are made on the administrator's objects: its
 * uploaded file (attached to no record, so only its uploader reads it), its shared saved view and its
 * import job.
 */
export function mustDeny(role: MatrixRole, method: string, path: string): boolean {
  if (role === 'admin') return false
  if (path.startsWith('/api/v1/admin/')) return true
  if (/^\/api\/v1\/files\/[^/]+$/.test(path)) return true
  if (/^\/api\/v1\/views\/[^/]+$/.test(path)) return method !== 'GET' || role === 'none'
  if (path === '/api/v1/views') return method === 'POST' // a shared view: administrators only
  if (path.startsWith('/api/v1/export/')) return NO_EXPORT.includes(role)
  if (path.startsWith('/api/v1/import/jobs/')) return true // its creator's and the administrators'
  if (path.startsWith('/api/v1/import/')) return NO_IMPORT.includes(role)
  const action = recordAction(method, path)
  if (!action) return false
  // Pipeline stages are shared settings: managers change them, the other roles only read them.
  if (path.includes('/deals.stage')) return role === 'none' || (role !== 'sales-manager' && action !== 'read')
  return DENIED_ON_OTHERS[role].test(action)
}
