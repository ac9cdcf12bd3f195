/**
 * The signed-in user's own sessions: listed with where and when they were used, and revocable one by one.
 * Sessions are shown under a public id derived from their hash, so the list never exposes the hash.
 * @module
 */
import { NotFoundError } from '../errors'
import type { RequestContext } from '../records/context'
import { iso } from '../records/entity-model'
import { publicSessionId } from './sessions'

export interface SessionView {
  id: string
  createdAt: string | null
  lastUsedAt: string | null
  expiresAt: string | null
  ip: string | null
  userAgent: string | null
  current: boolean
}

interface SessionRow {
  id: string
  created_at: string
  last_used_at: string
  expires_at: string
  ip: string | null
  user_agent: string | null
}

async function sessionRows(ctx: RequestContext): Promise<SessionRow[]> {
  return ctx.tx.query<SessionRow>(
    `SELECT id, created_at, last_used_at, expires_at, ip, user_agent FROM core_session
     WHERE tenant_id = $1 AND user_id = $2 AND expires_at > $3 ORDER BY last_used_at DESC, created_at DESC`,
    [ctx.tenant.id, ctx.user.id, ctx.core.now().toISOString()],
  )
}

export async function listMySessions(ctx: RequestContext): Promise<SessionView[]> {
  return (await sessionRows(ctx)).map((r) => ({
    id: publicSessionId(r.id),
    createdAt: iso(r.created_at),
    lastUsedAt: iso(r.last_used_at),
    expiresAt: iso(r.expires_at),
    ip: r.ip,
    userAgent: r.user_agent,
    current: r.id === ctx.auth?.sessionId,
  }))
}

/** Ends one of the user's sessions; returns whether it was the one making the request. */
export async function revokeMySession(ctx: RequestContext, publicId: string): Promise<{ current: boolean }> {
  const row = (await sessionRows(ctx)).find((r) => publicSessionId(r.id) === publicId)
  if (!row) throw new NotFoundError()
  await ctx.tx.query('DELETE FROM core_session WHERE tenant_id = $1 AND id = $2', [ctx.tenant.id, row.id])
  await ctx.audit('session.revoked', { session: publicId })
  return { current: row.id === ctx.auth?.sessionId }
}
