/**
 * The captured outbox of a test core: the events committed so far, readable with filters, and a way to
 * deliver them to subscribers now instead of waiting for the background loop (which tests never start).
 * @module
 */
import type { Core } from '../server/core'

export interface CapturedEvent {
  /** Outbox sequence number (grows with each event written). */
  id: number
  /** The tenant's slug, when it is one of the test tenants; otherwise its id. */
  tenant: string
  tenantId: string
  /** The event name, such as `crm.company.created`. */
  type: string
  /** What the writer passed, plus `actor` (the user id, or null for the system identity). */
  payload: Record<string, any>
  /** Whether a delivery has succeeded. */
  delivered: boolean
  attempts: number
  /** The last subscriber error, if a delivery failed. */
  lastError: string | null
}

export interface OutboxFilter {
  /** An event name (`crm.company.created`) or a prefix ending with a dot (`crm.company.`). */
  type?: string
  /** An entity ref: events whose `payload.entity` is this ref. */
  ref?: string
  /** A record id: events whose `payload.id` is this id. */
  id?: string
  /** A test tenant's slug or a tenant id. */
  tenant?: string
  /** Only events not delivered yet (`false`: only delivered ones). */
  pending?: boolean
}

export interface TestOutbox {
  /** Events written by committed transactions so far, oldest first. Rolled-back writes leave none. */
  events(filter?: OutboxFilter): Promise<CapturedEvent[]>
  /**
   * Delivers every event that is due to the subscribers of the tenant's enabled plugins, including the
   * events those subscribers write in turn; resolves with the number delivered. A failed delivery is
   * retried later, as in production: see `events({ pending: true })` and `lastError`.
   */
  deliver(): Promise<number>
}

export function createTestOutbox(core: Core, slugs: () => Record<string, { id: string }>): TestOutbox {
  return {
    async events(f = {}) {
      const bySlug = new Map(Object.entries(slugs()).map(([slug, t]) => [t.id, slug]))
      const tenantId = f.tenant ? (slugs()[f.tenant]?.id ?? f.tenant) : undefined
      const rows = await core.db.system((tx) =>
        tx.query<{
          tenant_id: string
          id: string | number
          event: string
          payload: Record<string, any>
          delivered: boolean
          attempts: number
          last_error: string | null
        }>(
          `SELECT tenant_id, id, event, payload, delivered_at IS NOT NULL AS delivered, attempts, last_error
           FROM core_outbox ORDER BY id`,
        ),
      )
      return rows
        .filter(
          (r) =>
            (!f.type || (f.type.endsWith('.') ? r.event.startsWith(f.type) : r.event === f.type)) &&
            (!f.ref || r.payload?.entity === f.ref) &&
            (!f.id || r.payload?.id === f.id) &&
            (!tenantId || r.tenant_id === tenantId) &&
            (f.pending === undefined || f.pending === !r.delivered),
        )
        .map((r) => ({
          id: Number(r.id),
          tenant: bySlug.get(r.tenant_id) ?? r.tenant_id,
          tenantId: r.tenant_id,
          type: r.event,
          payload: r.payload,
          delivered: r.delivered,
          attempts: r.attempts,
          lastError: r.last_error,
        }))
    },
    async deliver() {
      let total = 0
      for (let n = await core.outbox.drain(); n > 0; n = await core.outbox.drain()) total += n
      return total
    },
  }
}
