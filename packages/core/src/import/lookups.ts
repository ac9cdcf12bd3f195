/**
 * Linked records named in the file by something other than their id — an account's name, number or
 * SIRET, a user's e-mail or name — resolved for a whole batch in a few queries: on the target's unique
 * fields and import keys first, then on its title (case and accents ignored), among the records the user
 * may read. With `createMissing`, a name that matches nothing creates the linked record, through the
 * records service like any other creation.
 * @module
 */
import type { RecordData } from '../entity/define-entity'
import { columnsOf } from '../entity/columns'
import { ident } from '../entity/naming'
import { normalizeValue } from '../entity/validate'
import { isComptoirError } from '../errors'
import type { RequestContext } from '../records/context'
import type { EntityModel } from '../records/entity-model'
import type { RecordsServiceImpl } from '../records/records-service'
import { scopeSql } from '../records/scope'
import { Params } from '../records/sql-params'
import { fold } from './cell-values'
import type { BuiltRow, PendingLookup } from './row-builder'

export interface LookupOptions {
  /** Leave names that match nothing in `row.missing` (to create them) instead of refusing the row. */
  createMissing: boolean
  /** Remembers resolved names across batches (bounded). */
  cache: Map<string, string>
  /**
   * Linked records created by an earlier batch whose transaction has not committed yet, by
   * `pendingKey`: the database does not show them to this batch's transaction, which would otherwise
   * create them a second time.
   */
  pending?: ReadonlyMap<string, string>
}

/** A created linked record's key among `LookupOptions.pending`: its target and title, case and accents ignored, as titles are matched. */
export function pendingKey(target: string, value: string): string {
  return `${target}\u0000${value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()}`
}

export interface CreateMissingOptions {
  note: Record<string, unknown>
  /** Called for each linked record created. */
  onCreated(target: string, value: string, id: string): void
}

/** Stands for a linked record still to be created while the row is validated. */
export const MISSING_ID = '00000000-0000-4000-8000-000000000000'

type Resolution = { id: string } | { error: string }

const CACHE_LIMIT = 20_000

async function resolveUsers(ctx: RequestContext, values: Set<string>): Promise<Map<string, Resolution>> {
  const users = await ctx.tx.query<{ id: string; email: string; name: string }>(
    "SELECT id, email, name FROM core_user WHERE tenant_id = $1 AND status = 'active'",
    [ctx.tenant.id],
  )
  const out = new Map<string, Resolution>()
  for (const v of values) {
    const byEmail = users.filter((u) => u.email.toLowerCase() === v.toLowerCase())
    const hits = byEmail.length ? byEmail : users.filter((u) => fold(u.name) === fold(v))
    out.set(
      v,
      hits.length === 1
        ? { id: hits[0].id }
        : { error: hits.length ? 'import_ambiguous_reference' : 'import_reference_not_found' },
    )
  }
  return out
}

/** Fields a value may name a record by, in order of trust: unique fields, then declared import keys. */
function keyFields(model: EntityModel): string[] {
  const names: string[] = []
  for (const [name, mf] of model.fields) if (mf.origin === 'entity' && mf.def.unique) names.push(name)
  for (const name of model.entity.importKeys ?? [])
    if (model.fields.has(name) && !names.includes(name)) names.push(name)
  return names
}

async function resolveRecords(
  ctx: RequestContext,
  target: string,
  values: Set<string>,
): Promise<Map<string, Resolution>> {
  const out = new Map<string, Resolution>()
  const entity = ctx.core.registry.entities.get(target)
  if (!entity || !ctx.enabled.has(entity.plugin) || !ctx.access.can(`${target}.read`)) {
    for (const v of values) out.set(v, { error: 'import_reference_not_found' })
    return out
  }
  const model = await (ctx.records(target) as RecordsServiceImpl).model()
  const run = async (expr: string, type: string, wanted: Map<string, string[]>) => {
    if (!wanted.size) return
    const p = new Params()
    const where = [`t.tenant_id = ${p.add(ctx.tenant.id)}`, 't.deleted_at IS NULL']
    const scope = scopeSql(ctx, model, 'read', p)
    if (scope) where.push(scope)
    const rows = await ctx.tx.query<{ id: string; k: string }>(
      `SELECT t.id, ${expr}::text AS k FROM ${model.table} t WHERE ${where.join(' AND ')} AND ${expr} = ANY(${p.add([...wanted.keys()])}::${type}[])`,
      p.values,
    )
    const ids = new Map<string, string[]>()
    for (const r of rows) ids.set(r.k, [...(ids.get(r.k) ?? []), r.id])
    for (const [k, vs] of wanted) {
      const hit = ids.get(k)
      if (!hit) continue
      for (const v of vs)
        if (!out.has(v))
          out.set(v, hit.length === 1 ? { id: hit[0] } : { error: 'import_ambiguous_reference' })
    }
  }
  for (const name of keyFields(model)) {
    const mf = model.fields.get(name)!
    const wanted = new Map<string, string[]>()
    for (const v of values) {
      if (out.has(v)) continue
      const n = normalizeValue({ ...mf.def, required: false }, v)
      if (n.error || n.value === null || typeof n.value === 'object') continue
      wanted.set(String(n.value), [...(wanted.get(String(n.value)) ?? []), v])
    }
    const spec = columnsOf(name, mf.def)[0]
    await run(`t.${ident(spec.column)}`, spec.sqlType, wanted)
  }
  const rest = [...values].filter((v) => !out.has(v))
  if (rest.length) {
    const folded = await ctx.tx.query<{ v: string; k: string }>(
      'SELECT x AS v, comptoir_unaccent(lower(x)) AS k FROM unnest($1::text[]) x',
      [rest],
    )
    const wanted = new Map<string, string[]>()
    for (const r of folded) wanted.set(r.k, [...(wanted.get(r.k) ?? []), r.v])
    await run(`comptoir_unaccent(lower(${model.titleSql()}))`, 'text', wanted)
  }
  return out
}

/** The one field a missing linked record can be created from: its title, when that is a single text field. */
function titleField(ctx: RequestContext, target: string): string | null {
  const e = ctx.core.registry.entities.get(target)
  if (e?.title.length !== 1) return null
  const def = e.fields[e.title[0]]
  return def && (def.type === 'text' || def.type === 'longText') ? e.title[0] : null
}

async function createParent(
  ctx: RequestContext,
  target: string,
  value: string,
  o: CreateMissingOptions,
): Promise<Resolution> {
  const field = titleField(ctx, target)
  if (!field) return { error: 'import_reference_not_found' }
  try {
    const created: RecordData = await ctx.tx.savepoint(() =>
      ctx.records(target).create({ [field]: value }, { note: o.note }),
    )
    o.onCreated(target, value, created.id)
    return { id: created.id }
  } catch (e) {
    if (isComptoirError(e) && e.status < 500) return { error: 'import_parent_invalid' }
    throw e
  }
}

/**
 * Fills every pending lookup of the batch's rows with an id. A name that matches nothing is an error on
 * the row, or, with `createMissing`, moves to `row.missing` with a stand-in id.
 */
export async function resolveLookups(ctx: RequestContext, rows: BuiltRow[], o: LookupOptions): Promise<void> {
  const byTarget = new Map<string, Set<string>>()
  for (const r of rows) {
    for (const l of r.lookups) {
      if (o.cache.has(`${l.target}\u0000${l.value}`)) continue
      const s = byTarget.get(l.target) ?? new Set<string>()
      s.add(l.value)
      byTarget.set(l.target, s)
    }
  }
  const resolved = new Map<string, Resolution>()
  for (const [target, values] of byTarget) {
    const found =
      target === 'core.user' ? await resolveUsers(ctx, values) : await resolveRecords(ctx, target, values)
    for (const [v, res] of found) {
      resolved.set(`${target}\u0000${v}`, res)
      if ('id' in res && o.cache.size < CACHE_LIMIT) o.cache.set(`${target}\u0000${v}`, res.id)
    }
  }
  for (const r of rows) {
    for (const l of r.lookups) {
      const k = `${l.target}\u0000${l.value}`
      const cached = o.cache.get(k)
      let res: Resolution = cached
        ? { id: cached }
        : (resolved.get(k) ?? { error: 'import_reference_not_found' })
      if ('error' in res && res.error === 'import_reference_not_found') {
        const pending = o.pending?.get(pendingKey(l.target, l.value))
        if (pending) res = { id: pending }
      }
      if ('id' in res) r.data[l.field] = res.id
      else if (res.error === 'import_reference_not_found' && o.createMissing && titleField(ctx, l.target)) {
        r.data[l.field] = MISSING_ID
        r.missing.push(l)
      } else r.errors.push(lookupError(r, l, res.error))
    }
  }
}

/**
 * Creates the linked records the rows name but that do not exist yet, once per name — case and accents
 * ignored, as names are matched: « Société X » and « societe x » in one file are one linked record.
 */
export async function createMissing(
  ctx: RequestContext,
  rows: BuiltRow[],
  o: CreateMissingOptions,
): Promise<void> {
  const done = new Map<string, Resolution>()
  for (const r of rows) {
    for (const l of r.missing) {
      const k = pendingKey(l.target, l.value)
      let res = done.get(k)
      if (!res) {
        res = await createParent(ctx, l.target, l.value, o)
        done.set(k, res)
      }
      if ('id' in res) r.data[l.field] = res.id
      else r.errors.push(lookupError(r, l, res.error))
    }
  }
}

function lookupError(r: BuiltRow, l: PendingLookup, code: string) {
  return { line: r.line, column: l.header, field: l.field, code, params: { value: l.value } }
}
