/**
 * History entries and outbox events for many records at once: the same rows `writeHistory` and
 * `ctx.emit` write one by one, inserted per batch, in the batch's transaction.
 * @module
 */
import { uuidv7 } from '../db/uuid'
import type { Change } from '../history/history'
import type { RequestContext } from '../records/context'
import { insertRows } from './bulk-sql'

export interface HistoryRow {
  entity: string
  recordId: string
  action: string
  changes: Change[]
  note?: Record<string, unknown>
}

export async function writeHistoryRows(ctx: RequestContext, rows: HistoryRow[]): Promise<void> {
  if (!rows.length) return
  await insertRows(
    ctx.tx,
    'core_history',
    ['tenant_id', 'id', 'entity', 'record_id', 'actor_id', 'action', 'changes', 'note'],
    rows.map((r) => [
      ctx.tenant.id,
      uuidv7(),
      r.entity,
      r.recordId,
      ctx.user.id,
      r.action,
      r.changes,
      r.note ?? null,
    ]),
  )
}

export interface EventRow {
  event: string
  payload: Record<string, unknown>
}

/**
 * Whether a plugin installed on this server subscribes to `event`. Per-record events of a bulk write are
 * written only then: the outbox delivers only to subscribers, so the others would each cost a row and
 * its delivery for nothing, a hundred thousand of each for a large import.
 */
export function subscribed(ctx: RequestContext, event: string): boolean {
  return (ctx.core.registry.subscribers.get(event)?.length ?? 0) > 0
}

/** Writes events to the outbox; they are delivered after the transaction commits. */
export async function emitEvents(ctx: RequestContext, events: EventRow[]): Promise<void> {
  if (!events.length) return
  await insertRows(
    ctx.tx,
    'core_outbox',
    ['tenant_id', 'event', 'payload'],
    events.map((e) => [ctx.tenant.id, e.event, { ...e.payload, actor: ctx.user.id ?? null }]),
  )
  ctx.afterCommit(() => ctx.core.outbox.poke())
}
