/**
 * Notifying a user from server code (an import finished, an export is ready): one row in
 * `core_notification`, written in the caller's transaction, so it exists only if the work commits.
 * @example
 * await notify(ctx, { userId: job.createdBy, kind: 'import.done', title: ctx.t('crm:import.done'), link: '/crm/company' })
 * @module
 */
import { uuidv7 } from '../db/uuid'
import { ValidationError } from '../errors'
import type { RequestContext } from '../records/context'

export interface NewNotification {
  userId: string
  /** Namespaced like events: `<plugin>.<what>`. */
  kind: string
  title: string
  body?: string
  /** A path inside the web app (`/crm/company/…`); never an absolute or external address. */
  link?: string
}

export async function notify(ctx: RequestContext, n: NewNotification): Promise<string> {
  if (n.link !== undefined && !/^\/(?!\/)[^\s\\]*$/.test(n.link))
    throw new ValidationError([{ path: 'link', code: 'invalid_url' }])
  const id = uuidv7()
  await ctx.tx.query(
    'INSERT INTO core_notification (tenant_id, id, user_id, kind, title, body, link) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [
      ctx.tenant.id,
      id,
      n.userId,
      n.kind,
      n.title.slice(0, 500),
      n.body?.slice(0, 5000) ?? null,
      n.link ?? null,
    ],
  )
  return id
}
