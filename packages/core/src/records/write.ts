/**
 * Create and update: validate, check references, uniqueness and cycles, run hooks, write, record history
 * and emit the event — every step inside the caller's transaction, so a refusal writes nothing.
 * @module
 */
import type { RecordData } from '../entity/define-entity'
import { columnsOf } from '../entity/columns'
import { ConflictError, type FieldError, ForbiddenError, ValidationError } from '../errors'
import { uuidv7 } from '../db/uuid'
import { ident } from '../entity/naming'
import { writeHistory, diffRecords } from '../history/history'
import { Params } from './sql-params'
import type { EntityModel } from './entity-model'
import type { RecordsServiceImpl } from './records-service'
import type { WriteOptions } from './types'
import { runHooks } from './hooks'
import { readWriteInput, type WriteInput } from './write-input'
import { accepts } from '../files/file-type'

/**
 * References, uniqueness and cycles of the values being written. `allocated` names a field whose value
 * the numbering sequence has just handed out: its uniqueness is left to the INSERT (`insertSql`).
 */
async function checkIntegrity(
  svc: RecordsServiceImpl,
  model: EntityModel,
  input: WriteInput,
  selfId: string | null,
  allocated?: string,
) {
  const { ctx } = svc
  const errors: FieldError[] = []
  for (const [name, v] of Object.entries(input.values)) {
    const mf = model.fields.get(name)
    if (!mf || v === null || v === undefined) continue
    const d = mf.def
    if (d.type === 'belongsTo' || d.type === 'parent') {
      const target = d.type === 'belongsTo' ? d.target : (v as { entity: string }).entity
      const id = d.type === 'belongsTo' ? (v as string) : (v as { id: string }).id
      const entity = ctx.core.registry.entities.get(target)
      const exists =
        entity &&
        ctx.enabled.has(entity.plugin) &&
        ctx.access.can(`${target}.read`) &&
        (await (ctx.records(target) as RecordsServiceImpl).row(id))
      if (!exists) errors.push({ path: name, code: 'reference_not_found' })
      else if (d.type === 'belongsTo' && d.noCycle && selfId && target === svc.ref) {
        const col = ident(columnsOf(name, d)[0].column)
        const loop = await ctx.tx.query(
          `WITH RECURSIVE up(id, parent, depth) AS (
             SELECT id, ${col}, 1 FROM ${model.table} WHERE tenant_id = $1 AND id = $2
             UNION ALL SELECT t.id, t.${col}, up.depth + 1 FROM ${model.table} t JOIN up ON t.tenant_id = $1 AND t.id = up.parent WHERE up.depth < 1000)
           SELECT 1 FROM up WHERE id = $3 LIMIT 1`,
          [ctx.tenant.id, id, selfId],
        )
        if (loop.length || id === selfId) errors.push({ path: name, code: 'cycle' })
      }
    } else if (d.type === 'user') {
      const u = await ctx.tx.query(
        "SELECT 1 FROM core_user WHERE tenant_id = $1 AND id = $2 AND status = 'active'",
        [ctx.tenant.id, v],
      )
      if (!u.length) errors.push({ path: name, code: 'reference_not_found' })
    } else if (d.type === 'file') {
      const [file] = await ctx.tx.query<{ name: string; mime: string; size: number }>(
        "SELECT name, mime, size FROM core_file WHERE tenant_id = $1 AND id = $2 AND kind = 'upload'",
        [ctx.tenant.id, v],
      )
      if (!file) errors.push({ path: name, code: 'reference_not_found' })
      else if (file.size > d.maxSize)
        errors.push({ path: name, code: 'file_too_large', params: { max: d.maxSize } })
      else if (!accepts(d.accept, file.mime, file.name))
        errors.push({ path: name, code: 'file_type', params: { accept: d.accept.join(', ') } })
    }
    if (mf.origin === 'entity' && d.unique && name !== allocated) {
      const col = ident(columnsOf(name, d)[0].column)
      const dup = await ctx.tx.query(
        `SELECT 1 FROM ${model.table} WHERE tenant_id = $1 AND deleted_at IS NULL AND ${col} = $2 AND id <> $3 LIMIT 1`,
        [ctx.tenant.id, v, selfId ?? '00000000-0000-0000-0000-000000000000'],
      )
      if (dup.length) errors.push({ path: name, code: 'unique' })
    }
  }
  if (errors.length) throw new ValidationError(errors)
}

async function checkOwner(svc: RecordsServiceImpl, action: string, ownerId: string, system: boolean) {
  const { ctx } = svc
  // The acting user was read active in this transaction already (the context is refused otherwise):
  // records they own themselves, most of them, need no second look.
  if (system || ownerId !== ctx.user.id) {
    const u = await ctx.tx.query(
      "SELECT 1 FROM core_user WHERE tenant_id = $1 AND id = $2 AND status = 'active'",
      [ctx.tenant.id, ownerId],
    )
    if (!u.length) throw new ValidationError([{ path: 'owner', code: 'reference_not_found' }])
  }
  if (
    !system &&
    svc.entity.ownership !== 'none' &&
    !ctx.access.covers(ctx.access.scope(`${svc.ref}.${action}`), ownerId)
  ) {
    throw new ForbiddenError('forbidden', 'You may not assign records to this user', {
      errors: [{ path: 'owner', code: 'forbidden' }],
    })
  }
}

function entityValidate(
  svc: RecordsServiceImpl,
  record: RecordData,
  op: 'create' | 'update',
  before?: RecordData,
) {
  const errs = svc.entity.validate?.(record, { op, before })
  if (errs?.length) throw new ValidationError(errs)
}

function mergedCustom(before: Record<string, unknown> | undefined, values: Record<string, unknown>) {
  return { ...(before ?? {}), ...values }
}

export async function createRecord(
  svc: RecordsServiceImpl,
  data: RecordData,
  opts: WriteOptions,
): Promise<RecordData> {
  const { ctx } = svc
  const system = !!opts.system
  if (system) svc.assertEnabled()
  else svc.assertGranted('create')
  const model = await svc.model()
  const input = readWriteInput(ctx, model, data, 'create', undefined, system)
  const ownerId = input.ownerId ?? ctx.user.id ?? null
  const num = svc.entity.numbering
  const numbered = num && (input.values[num.field] === null || input.values[num.field] === undefined)
  // The owner's check and the number go out together; a refusal rolls the number back with the rest.
  const [, allocated] = await Promise.all([
    ownerId ? checkOwner(svc, 'create', ownerId, system) : undefined,
    numbered
      ? ctx.nextNumber(svc.ref, { prefix: num.prefix, padding: num.padding, yearly: num.yearly })
      : undefined,
  ])
  if (numbered) input.values[num.field] = allocated
  const record: RecordData = { ...input.values, custom: input.customValues }
  entityValidate(svc, record, 'create')
  await runHooks(svc, 'beforeCreate', { data: record })
  const { custom: _c, ...afterHooks } = record
  Object.assign(input.values, afterHooks)
  const fresh = freshNumber(model, input, num?.field, allocated)
  await checkIntegrity(svc, model, input, null, fresh)
  const id = uuidv7()
  const cols: Record<string, unknown> = {
    tenant_id: ctx.tenant.id,
    id,
    owner_id: ownerId,
    created_by: ctx.user.id,
    updated_by: ctx.user.id,
    custom: JSON.stringify(input.customValues),
    ...model.toColumns(input.values),
  }
  const titles = await svc.titles()
  const p = new Params()
  p.values.push(...Object.values(cols))
  const [row] = await ctx.tx.query(insertSql(model, Object.keys(cols), fresh, titles.sql(p)), p.values)
  if (!row) throw new ValidationError([{ path: fresh!, code: 'unique' }])
  const after = await svc.toRecord(row, titles)
  // History and events are queued writes: they travel with the next statement or the COMMIT.
  await writeHistory(ctx, svc.ref, id, 'create', diffRecords(model, undefined, after), opts.note)
  await runHooks(svc, 'afterCreate', { data: after, id })
  await ctx.emit(`${svc.ref}.created`, { entity: svc.ref, id, after })
  return after
}

/**
 * The unique field that still holds the number the sequence allocated for this create, if any (a
 * `beforeCreate` hook may have replaced it: then it is checked like any other value).
 */
function freshNumber(
  model: EntityModel,
  input: WriteInput,
  field: string | undefined,
  allocated: string | undefined,
): string | undefined {
  const mf = field === undefined ? undefined : model.fields.get(field)
  if (mf?.origin !== 'entity' || !mf.def.unique || allocated === undefined) return undefined
  return input.values[mf.name] === allocated ? mf.name : undefined
}

/**
 * The INSERT, returning the row as `row()` reads it. With `fresh`, a unique field holding a number the
 * sequence has just allocated, a clash with a number set by hand (an import's) inserts nothing instead of
 * aborting the transaction, and the caller reports it as the uniqueness check would have.
 */
function insertSql(model: EntityModel, names: string[], fresh: string | undefined, titles: string): string {
  const values = names.map((n, i) => (n === 'custom' ? `$${i + 1}::text::jsonb` : `$${i + 1}`))
  const clash = fresh
    ? ` ON CONFLICT (tenant_id, ${ident(columnsOf(fresh, model.fields.get(fresh)!.def)[0].column)}) WHERE deleted_at IS NULL DO NOTHING`
    : ''
  return `INSERT INTO ${model.table} AS t (${names.map(ident).join(', ')}) VALUES (${values.join(', ')})${clash} RETURNING ${model.selectList()}${titles}`
}

export async function updateRecord(
  svc: RecordsServiceImpl,
  id: string,
  data: RecordData,
  version: number | undefined,
  opts: WriteOptions,
): Promise<RecordData> {
  const { ctx } = svc
  const system = !!opts.system
  const row = await svc.loadFor(id, 'update', { system, lock: true })
  const model = await svc.model()
  const before = model.toJson(row)
  if (!system && (version === undefined || version === null)) {
    throw new ValidationError([{ path: 'version', code: 'required' }])
  }
  if (version !== undefined && version !== row.version) {
    const current = await svc.toRecord(row)
    throw new ConflictError('version-conflict', `Record ${id} is at version ${row.version}`, { current })
  }
  const input = readWriteInput(ctx, model, data, 'update', before, system)
  if (input.ownerId && input.ownerId !== row.owner_id) await checkOwner(svc, 'update', input.ownerId, system)
  const merged: RecordData = {
    ...before,
    ...input.values,
    custom: mergedCustom(row.custom, input.customValues),
  }
  for (const [name, mf] of model.fields)
    if (mf.origin === 'ext') merged[name] = merged.custom[mf.jsonKey!] ?? null
  entityValidate(svc, merged, 'update', before)
  await runHooks(svc, 'beforeUpdate', { data: merged, before, id })
  // Hooks may change values: write what differs from the stored record after them, nothing else.
  for (const [k, v] of Object.entries(merged)) {
    if (model.fields.get(k)?.origin !== 'entity') continue
    if (JSON.stringify(v) !== JSON.stringify(before[k])) input.values[k] = v
    else delete input.values[k]
  }
  await checkIntegrity(svc, model, input, id)
  const cols: Record<string, unknown> = {
    ...model.toColumns(input.values),
    custom: JSON.stringify(merged.custom),
    updated_by: ctx.user.id,
    ...(input.ownerId ? { owner_id: input.ownerId } : {}),
  }
  const names = Object.keys(cols)
  const sets = names.map((n, i) => `${ident(n)} = $${i + 3}${n === 'custom' ? '::text::jsonb' : ''}`)
  const titles = await svc.titles()
  const p = new Params()
  p.values.push(ctx.tenant.id, id, ...names.map((n) => cols[n]))
  const [updated] = await ctx.tx.query(
    `UPDATE ${model.table} AS t SET ${sets.join(', ')}, updated_at = now(), version = version + 1
     WHERE t.tenant_id = $1 AND t.id = $2 AND t.deleted_at IS NULL RETURNING ${model.selectList()}${titles.sql(p)}`,
    p.values,
  )
  if (!updated) throw new ConflictError('version-conflict', `Record ${id} changed`)
  const after = await svc.toRecord(updated, titles)
  const changes = diffRecords(model, before, after)
  // A note says something happened even when no field changed: it is kept.
  if (changes.length || opts.note) await writeHistory(ctx, svc.ref, id, 'update', changes, opts.note)
  await runHooks(svc, 'afterUpdate', { data: after, before, id })
  if (changes.length)
    await ctx.emit(`${svc.ref}.updated`, {
      entity: svc.ref,
      id,
      before,
      after,
      changed: changes.map((c) => c.field),
    })
  return after
}
