/**
 * Fills `{ id }` references in records with the target's display title, one query per target entity,
 * and only where the user may read the target (otherwise the reference stays `{ id }`).
 * @module
 */
import type { RecordData } from '../entity/define-entity'
import type { RequestContext } from './context'
import { columnsOf } from '../entity/columns'
import { ident } from '../entity/naming'
import type { EntityModel } from './entity-model'
import { scopeSql } from './scope'
import { Params } from './sql-params'

export type Ref = { id: string; entity?: string; title?: string; trashed?: boolean }

export async function fillTitles(
  ctx: RequestContext,
  model: EntityModel,
  records: RecordData[],
  o: { parentsOnly?: boolean } = {},
): Promise<void> {
  if (!records.length) return
  const wanted = new Map<string, Map<string, Ref[]>>() // target → id → refs to fill
  const want = (target: string, ref: Ref | null | undefined) => {
    if (!ref?.id) return
    const m = wanted.get(target) ?? new Map<string, Ref[]>()
    wanted.set(target, m)
    const list = m.get(ref.id) ?? []
    list.push(ref)
    m.set(ref.id, list)
  }
  for (const r of records) {
    if (!o.parentsOnly) want('core.user', r.owner)
    for (const mf of model.fields.values()) {
      if (mf.origin !== 'entity') continue
      const v = r[mf.name]
      if (o.parentsOnly) {
        if (mf.def.type === 'parent' && v) want(v.entity, v)
      } else if (mf.def.type === 'belongsTo') want(mf.def.target, v)
      else if (mf.def.type === 'user') want('core.user', v)
      else if (mf.def.type === 'file') want('core.file', v)
      else if (mf.def.type === 'parent' && v) want(v.entity, v)
    }
  }
  // One query per target, all sent at once: postgres.js pipelines them on the transaction's connection.
  await Promise.all([...wanted].map(([target, ids]) => fillTarget(ctx, target, ids)))
}

/** Fills the references to one target (`ids`: id → the references to it), with the same rules. */
export async function fillTarget(
  ctx: RequestContext,
  target: string,
  ids: Map<string, Ref[]>,
): Promise<void> {
  const idList = [...ids.keys()]
  let rows: { id: string; title: string; trashed: boolean }[] = []
  if (target === 'core.file') {
    const files = await ctx.tx.query<{ id: string; title: string; mime: string; size: number }>(
      'SELECT id, name AS title, mime, size FROM core_file WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
      [ctx.tenant.id, idList],
    )
    for (const row of files)
      for (const ref of ids.get(row.id) ?? [])
        Object.assign(ref, { title: row.title, mime: row.mime, size: row.size })
    return
  }
  if (target === 'core.user') {
    rows = await ctx.tx.query(
      'SELECT id, name AS title, false AS trashed FROM core_user WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
      [ctx.tenant.id, idList],
    )
  } else {
    const tm = await readableTarget(ctx, target)
    if (!tm) return
    const p = new Params()
    const where = [`t.tenant_id = ${p.add(ctx.tenant.id)}`, `t.id = ANY(${p.add(idList)}::uuid[])`]
    const scope = scopeSql(ctx, tm, 'read', p)
    if (scope) where.push(scope)
    rows = await ctx.tx.query(
      `SELECT t.id, ${tm.titleSql()} AS title, (t.deleted_at IS NOT NULL) AS trashed FROM ${tm.table} t WHERE ${where.join(' AND ')}`,
      p.values,
    )
  }
  for (const row of rows) {
    for (const ref of ids.get(row.id) ?? []) {
      ref.title = row.title
      if (row.trashed) ref.trashed = true
    }
  }
}

/**
 * The model of a referenced entity whose titles the user may see: its plugin is on and they may read it.
 * Otherwise none, and references to it stay `{ id }`.
 */
export async function readableTarget(ctx: RequestContext, target: string): Promise<EntityModel | undefined> {
  const entity = ctx.core.registry.entities.get(target)
  if (!entity || !ctx.enabled.has(entity.plugin) || !ctx.access.can(`${target}.read`)) return undefined
  return (ctx.records(target) as any).model()
}

/**
 * Whether a title field of `entity` is hidden from the user. A title stored earlier (a trash entry's) was
 * written from every field, so it must not be shown, nor searched, to them.
 */
export function titleHidden(ctx: RequestContext, entity: { ref: string; title: readonly string[] }): boolean {
  return entity.title.some((n) => ctx.access.fieldRule(entity.ref, n) === 'hidden')
}

/**
 * The titles of a row's references read by the statement that reads the row: one scalar subquery per
 * reference field (and the owner), under the same rules as `fillTarget` — a target whose plugin is off or
 * that the user may not read gets no subquery, and a target row out of the user's scope gives no title —
 * so that a record and its titles come back in one round trip. Polymorphic `parent` references are left
 * to `fillTitles` (`rest`).
 */
export interface RowTitles {
  /** `, (SELECT …) AS "__ref0", …` for a select list or a RETURNING clause; its parameters go into `p`. */
  sql(p: Params, alias?: string): string
  /** Copies what the columns read into the records' references (`rows[i]` gave `records[i]`). */
  fill(rows: readonly Record<string, any>[], records: RecordData[]): void
  /** Whether some references (parents) are still to be filled by `fillTitles`. */
  readonly rest: boolean
  /** `fill`, then the references the columns leave (parents) through `fillTitles`. */
  apply(rows: readonly Record<string, any>[], records: RecordData[]): Promise<void>
}

interface TitleColumn {
  field: string
  column: string
  kind: 'user' | 'file' | 'entity'
  target?: EntityModel
}

export async function rowTitles(
  ctx: RequestContext,
  model: EntityModel,
  names?: readonly string[],
): Promise<RowTitles> {
  const cols: TitleColumn[] = [{ field: 'owner', column: 'owner_id', kind: 'user' }]
  let rest = false
  for (const mf of model.fields.values()) {
    if (mf.origin !== 'entity' || (names && !names.includes(mf.name))) continue
    const type = mf.def.type
    if (type !== 'belongsTo' && type !== 'user' && type !== 'file' && type !== 'parent') continue
    if (type === 'parent') {
      rest = true
      continue
    }
    const column = (mf.columns ?? columnsOf(mf.name, mf.def))[0].column
    if (type === 'user' || type === 'file') {
      cols.push({ field: mf.name, column, kind: type })
      continue
    }
    const target = await readableTarget(ctx, (mf.def as { target: string }).target)
    if (target) cols.push({ field: mf.name, column, kind: 'entity', target })
  }
  const titles: RowTitles = {
    rest,
    async apply(rows, records) {
      titles.fill(rows, records)
      if (rest) await fillTitles(ctx, model, records, { parentsOnly: true })
    },
    sql(p, alias = 't') {
      return cols
        .map((c, i) => {
          const on = (r: string) =>
            `${r}.tenant_id = ${alias}.tenant_id AND ${r}.id = ${alias}.${ident(c.column)}`
          if (c.kind === 'user') return `, (SELECT r.name FROM core_user r WHERE ${on('r')}) AS "__ref${i}"`
          if (c.kind === 'file')
            return `, (SELECT json_build_array(r.name, r.mime, r.size) FROM core_file r WHERE ${on('r')}) AS "__ref${i}"`
          const tm = c.target!
          const scope = scopeSql(ctx, tm, 'read', p, 'r')
          return `, (SELECT json_build_array(${tm.titleSql('r')}, r.deleted_at IS NOT NULL) FROM ${tm.table} r WHERE ${on('r')}${scope ? ` AND ${scope}` : ''}) AS "__ref${i}"`
        })
        .join('')
    },
    fill(rows, records) {
      for (let n = 0; n < records.length; n++) {
        const row = rows[n]
        const rec = records[n]
        for (let i = 0; i < cols.length; i++) {
          const v = row[`__ref${i}`]
          const ref = rec[cols[i].field] as Ref | null | undefined
          if (v === null || v === undefined || !ref?.id) continue
          if (cols[i].kind === 'user') ref.title = v
          else if (cols[i].kind === 'file')
            Object.assign(ref, { title: v[0], mime: v[1], size: Number(v[2]) })
          else {
            ref.title = v[0]
            if (v[1]) ref.trashed = true
          }
        }
      }
    },
  }
  return titles
}
