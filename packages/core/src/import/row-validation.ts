/**
 * A built row through the records engine's own validation, in the order `createRecord` and
 * `updateRecord` apply it: `readWriteInput` (field rules, types, required fields, custom fields, owner),
 * the entity's cross-field rules, then the `before*` hooks. Any refusal becomes errors on the row instead
 * of failing the request; nothing is weakened.
 * @module
 */
import type { Row } from '../db/database'
import { uuidv7 } from '../db/uuid'
import type { RecordData } from '../entity/define-entity'
import { type FieldError, isComptoirError, ValidationError } from '../errors'
import type { RequestContext } from '../records/context'
import type { EntityModel } from '../records/entity-model'
import { readWriteInput } from '../records/write-input'
import type { HookRunner } from './hook-runner'
import type { Fail, PendingWrite } from './pending-write'
import type { BuiltRow } from './row-builder'

function sameJson(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const k of keys) if (JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null)) return false
  return true
}

/** References compare by id: `{ id, title }` as read equals the id being written. */
function sameValue(a: unknown, b: unknown): boolean {
  const plain = (v: unknown) =>
    v && typeof v === 'object' && 'id' in v && !('entity' in v) ? (v as { id: unknown }).id : v
  return JSON.stringify(plain(a) ?? null) === JSON.stringify(plain(b) ?? null)
}

function entityRules(model: EntityModel, record: RecordData, op: 'create' | 'update', before?: RecordData) {
  const errors = model.entity.validate?.(record, { op, before })
  if (errors?.length) throw new ValidationError(errors)
}

async function prepareCreate(
  ctx: RequestContext,
  model: EntityModel,
  row: BuiltRow,
  hooks: HookRunner,
): Promise<PendingWrite> {
  const input = readWriteInput(ctx, model, row.data, 'create', undefined, false)
  const record: RecordData = { ...input.values, custom: input.customValues }
  entityRules(model, record, 'create')
  if (hooks.has('beforeCreate')) {
    await hooks.run('beforeCreate', { data: record })
    const { custom: _c, ...afterHooks } = record
    Object.assign(input.values, afterHooks)
  }
  return {
    row,
    op: 'create',
    id: uuidv7(),
    values: input.values,
    custom: input.customValues,
    customChanged: true,
    ownerId: input.ownerId ?? ctx.user.id ?? null,
    failed: false,
  }
}

async function prepareUpdate(
  ctx: RequestContext,
  model: EntityModel,
  row: BuiltRow,
  current: Row,
  hooks: HookRunner,
): Promise<PendingWrite> {
  const before = model.toJson(current)
  const input = readWriteInput(ctx, model, row.data, 'update', before, false)
  for (const k of Object.keys(input.values)) if (sameValue(input.values[k], before[k])) delete input.values[k]
  const stored = (current.custom ?? {}) as Record<string, unknown>
  const merged: RecordData = { ...before, ...input.values, custom: { ...stored, ...input.customValues } }
  for (const [name, mf] of model.fields)
    if (mf.origin === 'ext') merged[name] = merged.custom[mf.jsonKey!] ?? null
  entityRules(model, merged, 'update', before)
  if (hooks.has('beforeUpdate')) await hooks.run('beforeUpdate', { data: merged, before, id: current.id })
  for (const [k, v] of Object.entries(merged)) {
    if (model.fields.get(k)?.origin === 'entity' && JSON.stringify(v) !== JSON.stringify(before[k]))
      input.values[k] = v
  }
  const ownerId = input.ownerId && input.ownerId !== current.owner_id ? input.ownerId : null
  return {
    row,
    op: 'update',
    id: current.id,
    values: input.values,
    custom: merged.custom,
    customChanged: !sameJson(merged.custom, stored),
    ownerId,
    before,
    current,
    failed: false,
  }
}

/** The pending write for `row`, or null when it is refused (its errors are recorded through `fail`). */
export async function validateRow(
  ctx: RequestContext,
  model: EntityModel,
  row: BuiltRow,
  current: Row | undefined,
  hooks: HookRunner,
  fail: Fail,
): Promise<PendingWrite | null> {
  const stub: PendingWrite = {
    row,
    op: current ? 'update' : 'create',
    id: '',
    values: {},
    custom: {},
    customChanged: false,
    ownerId: null,
    failed: false,
  }
  try {
    return current
      ? await prepareUpdate(ctx, model, row, current, hooks)
      : await prepareCreate(ctx, model, row, hooks)
  } catch (e) {
    if (!isComptoirError(e) || e.status >= 500) throw e
    const listed: FieldError[] =
      e instanceof ValidationError ? e.errors : ((e.extra?.errors as FieldError[] | undefined) ?? [])
    if (!listed.length) fail(stub, '', e.code === 'forbidden' ? 'import_forbidden' : e.code)
    for (const fe of listed) fail(stub, fe.path, fe.code, fe.params)
    return null
  }
}

/**
 * The field errors `readWriteInput` finds in a row that is refused already (a cell that could not be
 * read, a linked record not found), so the user sees all of the row's problems at once. No hook runs for
 * a row that will not be written.
 */
export function inputErrors(
  ctx: RequestContext,
  model: EntityModel,
  row: BuiltRow,
  current: Row | undefined,
): FieldError[] {
  const failed = new Set(row.errors.map((e) => e.field))
  try {
    readWriteInput(
      ctx,
      model,
      row.data,
      current ? 'update' : 'create',
      current ? model.toJson(current) : undefined,
      false,
    )
    return []
  } catch (e) {
    if (!isComptoirError(e) || e.status >= 500) throw e
    const listed: FieldError[] =
      e instanceof ValidationError ? e.errors : ((e.extra?.errors as FieldError[] | undefined) ?? [])
    return listed.filter((fe) => !failed.has(fe.path))
  }
}
