/**
 * Field-level history: who changed what, when, from which value to which. Hidden fields stay hidden in
 * history as everywhere else.
 * @module
 */
import type { RecordData } from '../entity/define-entity'
import { queueWrite } from '../db/database'
import { uuidv7 } from '../db/uuid'
import type { RequestContext } from '../records/context'
import type { EntityModel } from '../records/entity-model'
import type { HistoryEntry } from '../records/types'
import { iso } from '../records/entity-model'

export interface Change {
  field: string
  old: unknown
  new: unknown
}

const plain = (v: unknown) =>
  v && typeof v === 'object' && 'id' in (v as object)
    ? { ...(v as object), title: undefined, trashed: undefined }
    : v

/** A creation's value that history leaves out: none, an empty list, or parts that are all empty. */
function empty(v: unknown): boolean {
  if (v === null || v === undefined) return true
  if (Array.isArray(v)) return !v.length
  return typeof v === 'object' && Object.values(v as object).every((x) => x === null)
}

export function diffRecords(model: EntityModel, before: RecordData | undefined, after: RecordData): Change[] {
  const changes: Change[] = []
  if (before === undefined) {
    // A creation: every value that is set, with nothing to compare it to (an import writes one per row).
    for (const [name, mf] of model.fields) {
      if (mf.def.type === 'computed') continue
      const v = mf.origin === 'custom' ? after.custom?.[mf.jsonKey!] : after[name]
      if (!empty(v)) changes.push({ field: name, old: null, new: v })
    }
    if ((after.owner?.id ?? null) !== null) changes.push({ field: 'owner', old: null, new: after.owner })
    return changes
  }
  for (const [name, mf] of model.fields) {
    if (mf.def.type === 'computed') continue
    const key = mf.origin === 'custom' ? mf.jsonKey! : name
    const a = mf.origin === 'custom' ? before.custom?.[key] : before[name]
    const b = mf.origin === 'custom' ? after.custom?.[key] : after[name]
    if (JSON.stringify(plain(a) ?? null) !== JSON.stringify(plain(b) ?? null))
      changes.push({ field: name, old: a ?? null, new: b ?? null })
  }
  if ((before.owner?.id ?? null) !== (after.owner?.id ?? null))
    changes.push({ field: 'owner', old: before.owner ?? null, new: after.owner })
  return changes
}

export async function writeHistory(
  ctx: RequestContext,
  entity: string,
  recordId: string,
  action: string,
  changes: Change[],
  note?: Record<string, unknown>,
): Promise<void> {
  await queueWrite(
    ctx.tx,
    'INSERT INTO core_history (tenant_id, id, entity, record_id, actor_id, action, changes, note) VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8::text::jsonb)',
    [
      ctx.tenant.id,
      uuidv7(),
      entity,
      recordId,
      ctx.user.id,
      action,
      JSON.stringify(changes),
      note ? JSON.stringify(note) : null,
    ],
  )
}

export async function readHistory(
  ctx: RequestContext,
  model: EntityModel,
  recordId: string,
): Promise<HistoryEntry[]> {
  const rows = await ctx.tx.query<any>(
    `SELECT h.id, h.at, h.action, h.changes, h.note, h.actor_id, u.name AS actor_name
     FROM core_history h LEFT JOIN core_user u ON u.tenant_id = h.tenant_id AND u.id = h.actor_id
     WHERE h.tenant_id = $1 AND h.record_id = $2 ORDER BY h.at DESC, h.id DESC LIMIT 500`,
    [ctx.tenant.id, recordId],
  )
  const visible = (field: string) => field === 'owner' || model.fields.has(field)
  return rows.map((r) => ({
    id: r.id,
    at: iso(r.at)!,
    actor: r.actor_id ? { id: r.actor_id, title: r.actor_name ?? '' } : null,
    action: r.action,
    changes: (r.changes as Change[]).filter((c) => visible(c.field)),
    note: r.note,
  }))
}
