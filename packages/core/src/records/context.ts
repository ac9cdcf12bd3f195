/**
 * The request context: one transaction of one tenant, one user and their rights. Route handlers,
 * action handlers, hooks and seeds all receive it and reach data only through `ctx.records(ref)`.
 * @module
 */
import type { AuthInfo, TenantInfo, UserInfo } from '../auth/auth-info'
import type { Queryable } from '../db/database'
import type { Locale } from '../plugin/define-plugin'
import type { Access } from '../rights/access'
import type { Core } from '../server/core'
import type { RecordsService } from './types'

export interface RequestContext {
  readonly core: Core
  readonly tx: Queryable
  readonly tenant: TenantInfo
  readonly user: UserInfo
  readonly auth?: AuthInfo
  readonly access: Access
  /** Plugins enabled for this tenant. */
  readonly enabled: ReadonlySet<string>
  readonly locale: Locale
  /** Client address, for audit entries. */
  readonly ip?: string
  records(ref: string): RecordsService
  /** Writes an event to the outbox, in this transaction; delivered after commit. */
  emit(event: string, payload: Record<string, unknown>): Promise<void>
  /** Records a security event for the tenant's audit log. */
  audit(event: string, detail?: Record<string, unknown>): Promise<void>
  /** Next number of a per-tenant gapless sequence, allocated in this transaction. */
  nextNumber(key: string, opts?: { prefix?: string; padding?: number; yearly?: boolean }): Promise<string>
  /** Message in the user's language. */
  t(key: string, params?: Record<string, unknown>): string
  /** Runs after the transaction commits (never on rollback). */
  afterCommit(fn: () => Promise<void> | void): void
}
