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
    rows.map((r) => ({
      tenant_id: ctx.tenant.id,
      id: uuidv7(),
      entity: r.entity,
      record_id: r.recordId,
      actor_id: ctx.user.id,
      action: r.action,
      changes: r.changes,
      note: r.note ?? null,
    })),
  )
}

export interface EventRow {
  event: string
  payload: Record<string, unknown>
}

/** Writes events to the outbox; they are delivered after the transaction commits. */
export async function emitEvents(ctx: RequestContext, events: EventRow[]): Promise<void> {
  if (!events.length) return
  await insertRows(
    ctx.tx,
    'core_outbox',
    ['tenant_id', 'event', 'payload'],
    events.map((e) => ({
      tenant_id: ctx.tenant.id,
      event: e.event,
      payload: { ...e.payload, actor: ctx.user.id ?? null },
    })),
  )
  ctx.afterCommit(() => ctx.core.outbox.poke())
}
