/**
 * The checks the records engine makes before writing (`checkIntegrity` and `checkOwner` in
 * `records/write.ts`), made for a whole batch in one query per target instead of one per row: references
 * exist and are readable, no loop through a `noCycle` relation, users are active, files exist, unique
 * fields stay unique (against the table and within the batch), and the owner is someone the user may
 * assign records to. A failed check refuses the row, not the batch.
 * @module
 */
import { columnsOf } from '../entity/columns'
import { ident } from '../entity/naming'
import type { RequestContext } from '../records/context'
import type { EntityModel } from '../records/entity-model'
import type { RecordsServiceImpl } from '../records/records-service'
import { scopeSql } from '../records/scope'
import { Params } from '../records/sql-params'
import type { Fail, PendingWrite } from './pending-write'

type Ref = { w: PendingWrite; path: string; id: string }

async function visibleIds(ctx: RequestContext, target: string, ids: string[]): Promise<Set<string>> {
  const entity = ctx.core.registry.entities.get(target)
  if (!entity || !ctx.enabled.has(entity.plugin) || !ctx.access.can(`${target}.read`)) return new Set()
  const model = await (ctx.records(target) as RecordsServiceImpl).model()
  const p = new Params()
  const where = [
    `t.tenant_id = ${p.add(ctx.tenant.id)}`,
    't.deleted_at IS NULL',
    `t.id = ANY(${p.add(ids)}::uuid[])`,
  ]
  const scope = scopeSql(ctx, model, 'read', p)
  if (scope) where.push(scope)
  const rows = await ctx.tx.query<{ id: string }>(
    `SELECT t.id FROM ${model.table} t WHERE ${where.join(' AND ')}`,
    p.values,
  )
  return new Set(rows.map((r) => r.id))
}

async function activeUsers(ctx: RequestContext, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set()
  const rows = await ctx.tx.query<{ id: string }>(
    "SELECT id FROM core_user WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND status = 'active'",
    [ctx.tenant.id, ids],
  )
  return new Set(rows.map((r) => r.id))
}

async function checkReferences(ctx: RequestContext, model: EntityModel, writes: PendingWrite[], fail: Fail) {
  const byTarget = new Map<string, Ref[]>()
  const users: Ref[] = []
  const files: Ref[] = []
  for (const w of writes) {
    for (const [name, v] of Object.entries(w.values)) {
      const d = model.fields.get(name)?.def
      if (!d || v === null || v === undefined) continue
      if (d.type === 'belongsTo' || d.type === 'parent') {
        const target = d.type === 'belongsTo' ? d.target : (v as { entity: string }).entity
        const id = d.type === 'belongsTo' ? (v as string) : (v as { id: string }).id
        byTarget.set(target, [...(byTarget.get(target) ?? []), { w, path: name, id }])
      } else if (d.type === 'user') users.push({ w, path: name, id: v as string })
      else if (d.type === 'file') files.push({ w, path: name, id: v as string })
    }
  }
  for (const [target, refs] of byTarget) {
    const ok = await visibleIds(ctx, target, [...new Set(refs.map((r) => r.id))])
    for (const r of refs) if (!ok.has(r.id)) fail(r.w, r.path, 'reference_not_found')
  }
  const active = await activeUsers(ctx, [...new Set(users.map((r) => r.id))])
  for (const r of users) if (!active.has(r.id)) fail(r.w, r.path, 'reference_not_found')
  if (files.length) {
    const rows = await ctx.tx.query<{ id: string }>(
      'SELECT id FROM core_file WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
      [ctx.tenant.id, [...new Set(files.map((r) => r.id))]],
    )
    const ok = new Set(rows.map((r) => r.id))
    for (const r of files) if (!ok.has(r.id)) fail(r.w, r.path, 'reference_not_found')
  }
}

async function checkCycles(ctx: RequestContext, model: EntityModel, writes: PendingWrite[], fail: Fail) {
  for (const [name, mf] of model.fields) {
    const d = mf.def
    if (d.type !== 'belongsTo' || !d.noCycle || d.target !== model.ref) continue
    const col = ident(columnsOf(name, d)[0].column)
    for (const w of writes) {
      const id = w.values[name] as string | null | undefined
      if (w.failed || w.op !== 'update' || !id) continue
      const loop = await ctx.tx.query(
        `WITH RECURSIVE up(id, parent, depth) AS (
           SELECT id, ${col}, 1 FROM ${model.table} WHERE tenant_id = $1 AND id = $2
           UNION ALL SELECT t.id, t.${col}, up.depth + 1 FROM ${model.table} t JOIN up ON t.tenant_id = $1 AND t.id = up.parent WHERE up.depth < 1000)
         SELECT 1 FROM up WHERE id = $3 LIMIT 1`,
        [ctx.tenant.id, id, w.id],
      )
      if (loop.length || id === w.id) fail(w, name, 'cycle')
    }
  }
}

async function checkUnique(ctx: RequestContext, model: EntityModel, writes: PendingWrite[], fail: Fail) {
  for (const [name, mf] of model.fields) {
    if (mf.origin !== 'entity' || !mf.def.unique) continue
    const live = writes.filter((w) => !w.failed && w.values[name] !== null && w.values[name] !== undefined)
    if (!live.length) continue
    const spec = columnsOf(name, mf.def)[0]
    const col = ident(spec.column)
    const rows = await ctx.tx.query<{ id: string; v: string }>(
      `SELECT id, ${col}::text AS v FROM ${model.table} WHERE tenant_id = $1 AND deleted_at IS NULL AND ${col} = ANY($2::${spec.sqlType}[])`,
      [ctx.tenant.id, [...new Set(live.map((w) => String(w.values[name])))]],
    )
    const holders = new Map<string, string[]>()
    for (const r of rows) holders.set(r.v, [...(holders.get(r.v) ?? []), r.id])
    const claimed = new Set<string>()
    for (const w of live) {
      const v = String(w.values[name])
      if ((holders.get(v) ?? []).some((id) => id !== w.id) || claimed.has(v)) fail(w, name, 'unique')
      else claimed.add(v)
    }
  }
}

async function checkOwners(ctx: RequestContext, model: EntityModel, writes: PendingWrite[], fail: Fail) {
  const owned = writes.filter((w) => !w.failed && w.ownerId)
  const active = await activeUsers(ctx, [...new Set(owned.map((w) => w.ownerId!))])
  for (const w of owned) {
    if (!active.has(w.ownerId!)) fail(w, 'owner', 'reference_not_found')
    else if (
      model.entity.ownership !== 'none' &&
      !ctx.access.covers(ctx.access.scope(`${model.ref}.${w.op}`), w.ownerId)
    ) {
      fail(w, 'owner', 'import_owner_forbidden')
    }
  }
}

/** Runs every check on the batch; refused rows come out with `failed` set and their errors recorded. */
export async function checkBatch(
  ctx: RequestContext,
  model: EntityModel,
  writes: PendingWrite[],
  fail: Fail,
): Promise<void> {
  await checkOwners(ctx, model, writes, fail)
  await checkReferences(ctx, model, writes, fail)
  await checkCycles(ctx, model, writes, fail)
  await checkUnique(ctx, model, writes, fail)
}
