/**
 * `entityTable()`: the drizzle table of an entity, with the standard columns, composite tenant-first keys,
 * indexes, partial unique indexes and the tenant isolation policy. drizzle-kit turns it into the plugin's
 * SQL migrations.
 * @module
 */
import { sql } from 'drizzle-orm'
import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  type PgColumnBuilderBase,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import type { EntityDef } from '../entity/define-entity'
import type { FieldDef } from '../entity/fields'
import { columnsOf } from '../entity/columns'
import { splitRef, tableName } from '../entity/naming'
import { searchExpression } from '../entity/search-expression'
import type { PluginManifest } from '../plugin/define-plugin'
import { tenantPolicy } from './tenant-policy'

const live = sql`deleted_at IS NULL`

/** A stand-in for a table owned elsewhere: enough for drizzle-kit to write the foreign key. */
function refStub(table: string) {
  return pgTable(table, { tenantId: uuid('tenant_id').notNull(), id: uuid('id').notNull() })
}

function builderFor(field: FieldDef, column: string, sqlType: string): PgColumnBuilderBase {
  if (field.type === 'computed') {
    const expr = sql.raw(field.sql)
    if (sqlType === 'text') return text(column).generatedAlwaysAs(expr)
    if (sqlType === 'boolean') return boolean(column).generatedAlwaysAs(expr)
    if (sqlType === 'integer') return integer(column).generatedAlwaysAs(expr)
    return numeric(column, { precision: 18, scale: 2 }).generatedAlwaysAs(expr)
  }
  let b: any
  if (sqlType === 'uuid') b = uuid(column)
  else if (sqlType === 'integer') b = integer(column)
  else if (sqlType.startsWith('numeric')) {
    const [p, s] = sqlType
      .slice(8, -1)
      .split(',')
      .map((x) => Number(x.trim()))
    b = numeric(column, { precision: p, scale: s })
  } else if (sqlType === 'date') b = date(column, { mode: 'string' })
  else if (sqlType === 'timestamptz') b = timestamp(column, { withTimezone: true, mode: 'string' })
  else if (sqlType === 'boolean') b = boolean(column)
  else if (sqlType === 'text[]') b = text(column).array()
  else b = text(column)
  if (field.required && field.type !== 'address' && field.type !== 'parent') b = b.notNull()
  if (field.type === 'boolean') b = b.default(field.default === true).notNull()
  return b
}

/**
 * Builds the drizzle table of `manifest.entity(name)`. Export the result from the plugin's `src/schema.ts`.
 * @example
 * export const contactTable = entityTable(manifest, 'contact')
 */
export function entityTable(manifest: PluginManifest, name: string) {
  const entity: EntityDef = manifest.entity(name)
  const t = entity.table
  const cols: Record<string, PgColumnBuilderBase> = {
    tenant_id: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    owner_id: uuid('owner_id'),
    team_id: uuid('team_id'),
    created_at: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    created_by: uuid('created_by'),
    updated_at: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updated_by: uuid('updated_by'),
    deleted_at: timestamp('deleted_at', { withTimezone: true, mode: 'string' }),
    deleted_by: uuid('deleted_by'),
    trash_batch_id: uuid('trash_batch_id'),
    version: integer('version').notNull().default(1),
    custom: jsonb('custom').notNull().default({}),
  }
  for (const [fname, field] of Object.entries(entity.fields)) {
    for (const c of columnsOf(fname, field)) cols[c.column] = builderFor(field, c.column, c.sqlType)
  }
  const listSort = entity.list?.sort?.replace(/^-/, '') ?? entity.title[0]
  return pgTable(t, cols, (tb: any) => {
    const extras: any[] = [
      primaryKey({ name: `${t}_pkey`, columns: [tb.tenant_id, tb.id] }),
      foreignKey({
        name: `${t}_owner_fk`,
        columns: [tb.tenant_id, tb.owner_id],
        foreignColumns: [refStub('core_user').tenantId, refStub('core_user').id],
      }),
      index(`${t}_created_idx`).on(tb.tenant_id, tb.created_at, tb.id).where(live),
      index(`${t}_owner_idx`).on(tb.tenant_id, tb.owner_id).where(live),
      index(`${t}_trash_idx`).on(tb.tenant_id, tb.trash_batch_id).where(sql`trash_batch_id IS NOT NULL`),
      index(`${t}_search_idx`)
        .using('gin', tb.tenant_id, sql.raw(`(${searchExpression(entity)}) gin_trgm_ops`))
        .where(live),
      tenantPolicy(),
    ]
    const sortField = entity.fields[listSort]
    if (sortField) {
      const c = columnsOf(listSort, sortField)[0].column
      extras.push(index(`${t}_list_idx`).on(tb.tenant_id, tb[c], tb.id).where(live))
    }
    for (const [fname, field] of Object.entries(entity.fields)) {
      const specs = columnsOf(fname, field)
      const c = specs[0].column
      if (field.type === 'belongsTo' || field.type === 'user' || field.type === 'file') {
        const target =
          field.type === 'belongsTo'
            ? tableName(splitRef(field.target).plugin, splitRef(field.target).entity)
            : field.type === 'user'
              ? 'core_user'
              : 'core_file'
        const stub = refStub(target)
        extras.push(
          foreignKey({
            name: `${t}_${c}_fk`,
            columns: [tb.tenant_id, tb[c]],
            foreignColumns: [stub.tenantId, stub.id],
          }),
          index(`${t}_${c}_idx`).on(tb.tenant_id, tb[c]).where(live),
        )
      } else if (field.type === 'address') {
        for (const part of field.indexedParts) {
          const pc = specs.find((x) => x.part === part)!.column
          extras.push(index(`${t}_${pc}_idx`).on(tb.tenant_id, tb[pc], tb.created_at, tb.id).where(live))
        }
      } else if (field.type === 'parent') {
        extras.push(index(`${t}_${c}_idx`).on(tb.tenant_id, tb[specs[1].column]).where(live))
      } else if (field.unique) {
        extras.push(uniqueIndex(`${t}_${c}_uq`).on(tb.tenant_id, tb[c]).where(live))
      } else if (field.indexed && fname !== listSort) {
        extras.push(index(`${t}_${c}_idx`).on(tb.tenant_id, tb[c], tb.id).where(live))
      }
    }
    return extras
  }).enableRLS()
}
