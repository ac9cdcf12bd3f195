/**
 * The records service: the one way to read and write entity data. It enforces the tenant (explicit
 * predicate, plus RLS underneath), plugin enablement, rights and scope, field rules, validation, hooks,
 * history and events, all inside the caller's transaction.
 * @module
 */
import type { RecordData } from '../entity/define-entity'
import { columnsOf } from '../entity/columns'
import { ident } from '../entity/naming'
import { BadRequestError, ForbiddenError, NotFoundError, ValidationError } from '../errors'
import type { ResolvedEntity } from '../plugin/registry'
import type { RequestContext } from './context'
import { type CustomFieldRow, EntityModel } from './entity-model'
import { readHistory, writeHistory } from '../history/history'
import { searchOwners } from '../search/search-sql'
import { buildListSql, COUNT_CAP, cursorOf } from './list-sql'
import { scopeSql } from './scope'
import { Params } from './sql-params'
import { fillTitles, type RowTitles, rowTitles } from './titles'
import type { HistoryEntry, HistoryInput, ListQuery, ListResult, RecordsService, WriteOptions } from './types'
import { createRecord, updateRecord } from './write'
import { trashRecord } from '../trash/trash-record'
import { linkRecords, relatedByLink, unlinkRecords } from '../relations/links'

export class RecordsServiceImpl implements RecordsService {
  readonly ref: string
  private cachedModel?: Promise<EntityModel>
  constructor(
    readonly ctx: RequestContext,
    readonly entity: ResolvedEntity,
  ) {
    this.ref = entity.ref
  }

  /** Throws 403 `plugin-not-enabled` when the entity's plugin is off for the tenant. */
  assertEnabled(): void {
    if (!this.ctx.enabled.has(this.entity.plugin)) {
      throw new ForbiddenError('plugin-not-enabled', `Plugin "${this.entity.plugin}" is not enabled`, {
        plugin: this.entity.plugin,
      })
    }
  }

  model(): Promise<EntityModel> {
    if (!this.cachedModel) {
      const ctx = this.ctx as RequestContext & { customFields?: (CustomFieldRow & { entity: string })[] }
      const custom = (ctx.customFields ?? []).filter((f) => f.entity === this.ref)
      this.cachedModel = Promise.resolve(
        new EntityModel(this.entity, this.ctx.enabled, custom, (f) => this.ctx.access.fieldRule(this.ref, f)),
      )
    }
    return this.cachedModel
  }

  /** 403 when the action is not granted at all; callers check the record's scope themselves. */
  assertGranted(action: string): void {
    this.assertEnabled()
    if (!this.ctx.access.can(`${this.ref}.${action}`)) {
      throw new ForbiddenError('forbidden', `Not allowed: ${this.ref}.${action}`, {
        permission: `${this.ref}.${action}`,
      })
    }
  }

  /** Base predicates: tenant, live, and the read scope. */
  baseWhere(
    model: EntityModel,
    p: Params,
    action = 'read',
    opts: { includeTrashed?: boolean } = {},
  ): string[] {
    const where = [`t.tenant_id = ${p.add(this.ctx.tenant.id)}`]
    if (!opts.includeTrashed) where.push('t.deleted_at IS NULL')
    const s = scopeSql(this.ctx, model, action, p)
    if (s) where.push(s)
    return where
  }

  async list(query: ListQuery = {}, extra?: (p: Params) => string[]): Promise<ListResult> {
    this.assertGranted('read')
    const model = await this.model()
    const p = new Params()
    const base = this.baseWhere(model, p)
    if (extra) base.push(...extra(p))
    const fields = query.fields?.filter((f) => model.fields.has(f) || model.fields.has(`custom.${f}`))
    const owners = query.q?.trim() ? searchOwners(this.ctx, model, ['read']) : null
    const titles = await rowTitles(this.ctx, model, fields)
    // The titles' parameters come after the list's, which the count statement shares.
    const sql = buildListSql(model, query, p, base, () => model.selectList(fields) + titles.sql(p), owners)
    const page = this.ctx.tx.query(sql.text, p.values)
    // The capped count goes out with the page, in the same flight.
    const counted = sql.countText
      ? this.ctx.tx.query<{ n: number }>(sql.countText, p.values.slice(0, countParams(sql.countText)))
      : null
    counted?.catch(() => {}) // a page refused is reported as such
    const rows = await page.catch((e) => {
      // A cursor or filter value the column type rejects (`invalid input syntax`): the client's input.
      if (typeof e?.code === 'string' && e.code.startsWith('22')) {
        const path = query.cursor ? 'cursor' : 'filter'
        throw new BadRequestError('bad-request', 'A value does not fit its field', [
          { path, code: path === 'cursor' ? 'invalid_cursor' : 'invalid_filter' },
        ])
      }
      throw e
    })
    const more = rows.length > sql.limit
    const shown = more ? rows.slice(0, sql.limit) : rows
    const data = shown.map((r) => model.toJson(r, fields))
    await titles.apply(shown, data)
    const result: ListResult = {
      data,
      nextCursor: more ? cursorOf(shown[shown.length - 1], sql.terms) : null,
    }
    if (counted) {
      const [{ n }] = await counted
      result.total = Math.min(n, COUNT_CAP)
      result.totalCapped = n > COUNT_CAP
    }
    return result
  }

  /** Reads one row with the given action's scope; `null` when absent or out of scope. */
  async row(
    id: string,
    opts: { action?: string; includeTrashed?: boolean; lock?: boolean; titles?: RowTitles } = {},
  ): Promise<Record<string, any> | null> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null
    const model = await this.model()
    const p = new Params()
    const where = this.baseWhere(model, p, opts.action ?? 'read', opts)
    where.push(`t.id = ${p.add(id)}`)
    const rows = await this.ctx.tx.query(
      `SELECT ${model.selectList()}${opts.titles?.sql(p) ?? ''}, t.deleted_at FROM ${model.table} t WHERE ${where.join(' AND ')}${opts.lock ? ' FOR UPDATE' : ''}`,
      p.values,
    )
    return rows[0] ?? null
  }

  /** The titles of this entity's references, to read with its rows (`row`, RETURNING clauses). */
  async titles(): Promise<RowTitles> {
    return rowTitles(this.ctx, await this.model())
  }

  /** The API record of a row; `titles`: the row was read with those title columns. */
  async toRecord(row: Record<string, any>, titles?: RowTitles): Promise<RecordData> {
    const model = await this.model()
    const rec = model.toJson(row)
    if (titles) {
      await titles.apply([row], [rec])
    } else await fillTitles(this.ctx, model, [rec])
    return rec
  }

  async find(id: string): Promise<RecordData | null> {
    this.assertGranted('read')
    const titles = await this.titles()
    const row = await this.row(id, { titles })
    return row ? this.toRecord(row, titles) : null
  }

  async get(id: string): Promise<RecordData> {
    const rec = await this.find(id)
    if (!rec) throw new NotFoundError()
    return rec
  }

  /**
   * Loads a record for `action`: 404 when the user cannot see it, 403 when they can but the action's
   * scope does not cover it.
   */
  async loadFor(
    id: string,
    action: string,
    opts: { system?: boolean; lock?: boolean; includeTrashed?: boolean } = {},
  ) {
    this.assertEnabled()
    if (opts.system) {
      const row = await this.rowSystem(id, opts)
      if (!row) throw new NotFoundError()
      return row
    }
    const visible = this.ctx.access.can(`${this.ref}.read`)
      ? await this.row(id, { lock: opts.lock, includeTrashed: opts.includeTrashed })
      : null
    if (!visible) throw new NotFoundError()
    const model = await this.model()
    const scope =
      model.entity.ownership === 'none'
        ? this.ctx.access.can(`${this.ref}.${action}`)
          ? 'all'
          : 'none'
        : this.ctx.access.scope(`${this.ref}.${action}`)
    if (!this.ctx.access.covers(scope, visible.owner_id)) {
      throw new ForbiddenError('forbidden', `Not allowed: ${this.ref}.${action}`, {
        permission: `${this.ref}.${action}`,
      })
    }
    return visible
  }

  private async rowSystem(id: string, opts: { lock?: boolean; includeTrashed?: boolean }) {
    const model = await this.model()
    const rows = await this.ctx.tx.query(
      `SELECT ${model.selectList()}, t.deleted_at FROM ${model.table} t WHERE t.tenant_id = $1 AND t.id = $2${opts.includeTrashed ? '' : ' AND t.deleted_at IS NULL'}${opts.lock ? ' FOR UPDATE' : ''}`,
      [this.ctx.tenant.id, id],
    )
    return rows[0] ?? null
  }

  create(data: RecordData, opts: WriteOptions = {}): Promise<RecordData> {
    return createRecord(this, data, opts)
  }

  update(
    id: string,
    data: RecordData,
    version: number | undefined,
    opts: WriteOptions = {},
  ): Promise<RecordData> {
    return updateRecord(this, id, data, version, opts)
  }

  remove(id: string, opts: WriteOptions = {}) {
    return trashRecord(this, id, opts)
  }

  async related(id: string, relation: string, query: ListQuery = {}): Promise<ListResult> {
    this.assertEnabled()
    this.assertGranted('read')
    // The parent's check and the page go out together; a parent that is absent or out of the user's
    // scope answers 404 whatever the page gave.
    const [parent, page] = await Promise.allSettled([this.row(id), this.relatedPage(id, relation, query)])
    if (parent.status === 'fulfilled' && !parent.value) throw new NotFoundError()
    // A page refused (a bad filter) aborts the transaction, and the parent's read after it with it.
    if (page.status === 'rejected') throw page.reason
    if (parent.status === 'rejected') throw parent.reason
    return page.value
  }

  private async relatedPage(id: string, relation: string, query: ListQuery): Promise<ListResult> {
    const rel = this.entity.relatedLists.find((r) => r.id === relation)
    if (!rel || !this.ctx.enabled.has(rel.plugin)) throw new NotFoundError('Unknown related list')
    const target = this.ctx.records(rel.entity) as RecordsServiceImpl
    if (rel.via.startsWith('link:')) return relatedByLink(this, target, id, rel.via, query)
    const tm = await target.model()
    const field = tm.fields.get(rel.via)
    if (field?.origin === 'entity' && field.def.type === 'parent') {
      // Records whose polymorphic parent is this one: both columns, so an id of another entity never matches.
      const [ent, pid] = columnsOf(rel.via, field.def).map((c) => `t.${ident(c.column)}`)
      return target.list(query, (p) => [`${ent} = ${p.add(this.ref)}`, `${pid} = ${p.add(id)}`])
    }
    const via = tm.valueSql(rel.via)
    if (!via) throw new NotFoundError('Unknown related list')
    return target.list(query, (p) => [`${via.sql} = ${p.add(id)}`])
  }

  async history(id: string): Promise<HistoryEntry[]> {
    this.assertGranted('read')
    const row = await this.row(id, { includeTrashed: true })
    if (!row) throw new NotFoundError()
    return readHistory(this.ctx, await this.model(), id)
  }

  async addHistory(id: string, entry: HistoryInput, opts: { system?: boolean } = {}): Promise<void> {
    const errors = []
    if (typeof entry?.action !== 'string' || !/^[a-z][A-Za-z0-9._-]{0,59}$/.test(entry.action))
      errors.push({ path: 'action', code: 'invalid_option' })
    if (entry?.note !== undefined && (typeof entry.note !== 'object' || entry.note === null))
      errors.push({ path: 'note', code: 'type_object' })
    if (errors.length) throw new ValidationError(errors)
    if (opts.system) await this.loadFor(id, 'read', { system: true, includeTrashed: true })
    else {
      this.assertGranted('read')
      if (!(await this.row(id, { includeTrashed: true }))) throw new NotFoundError()
    }
    await writeHistory(this.ctx, this.ref, id, entry.action, entry.changes ?? [], entry.note)
  }

  link(id: string, kind: string, targetId: string, role?: string | null) {
    return linkRecords(this, id, kind, targetId, role ?? null)
  }

  unlink(id: string, kind: string, targetId: string) {
    return unlinkRecords(this, id, kind, targetId)
  }
}

/** The count query reuses the list's parameters up to the last one it references. */
function countParams(text: string): number {
  let max = 0
  for (const m of text.matchAll(/\$(\d+)/g)) max = Math.max(max, Number(m[1]))
  return max
}
