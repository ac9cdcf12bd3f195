/**
 * The bulk loader: records in the API's JSON shape, checked by the records engine's own validation
 * (`validateRecord` on the entity's fields, then the entity's `validate` rule), written in multi-row
 * INSERTs inside tenant transactions, so row-level security checks every row as it checks a request.
 * Numbers (`CON-00001`) are allocated from the tenant's sequence as the engine does. Hooks, history and
 * events are not run: this is for loading a file, as a migration from another CRM would.
 * @module
 */
import { ADDRESS_PARTS, type EntityDef, type FieldDef, validateRecord } from '@comptoir/core'
import type { Database } from '@comptoir/core/server'
import type { GeneratedRecord } from './generate'

export interface LoadTarget {
  db: Database
  tenantId: string
  ownerId: string
  entity: EntityDef
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
}

/** Column → value of one validated field, following core's column naming. */
function fieldColumns(name: string, def: FieldDef, value: unknown, out: Record<string, unknown>): void {
  const base = snake(name)
  switch (def.type) {
    case 'computed':
      return
    case 'belongsTo':
    case 'user':
    case 'file':
      out[`${base}_id`] = value ?? null
      return
    case 'parent': {
      const p = value as { entity: string; id: string } | null
      out[`${base}_entity`] = p?.entity ?? null
      out[`${base}_id`] = p?.id ?? null
      return
    }
    case 'address': {
      const a = (value ?? {}) as Record<string, string | null>
      for (const part of ADDRESS_PARTS) out[`${base}_${snake(part)}`] = a[part] ?? null
      return
    }
    default:
      out[base] = value ?? (def.type === 'boolean' ? false : null)
  }
}

/** Thrown when a generated record does not pass the engine's validation. */
export class InvalidRecordError extends Error {
  constructor(entity: string, index: number, errors: unknown) {
    super(`Record ${index} of ${entity} is invalid: ${JSON.stringify(errors)}`)
    this.name = 'InvalidRecordError'
  }
}

/** Validated records → table rows (column name → value); numbers are allocated when the rows are written. */
export function toRows(target: LoadTarget, records: GeneratedRecord[]): Record<string, unknown>[] {
  const { entity } = target
  return records.map((rec, i) => {
    const { values, errors } = validateRecord(entity.fields, rec.data)
    const ruleErrors = entity.validate?.(values, { op: 'create' })
    if (errors.length || ruleErrors?.length)
      throw new InvalidRecordError(entity.ref, i, [...errors, ...(ruleErrors ?? [])])
    const at = rec.createdAt.toISOString()
    const row: Record<string, unknown> = {
      tenant_id: target.tenantId,
      id: rec.id,
      owner_id: target.ownerId,
      created_at: at,
      created_by: target.ownerId,
      updated_at: at,
      updated_by: target.ownerId,
      version: 1,
      custom: {},
    }
    for (const [name, def] of Object.entries(entity.fields)) fieldColumns(name, def, values[name], row)
    return row
  })
}

/** Checks once that every column the loader writes exists in the entity's table. */
export async function checkColumns(target: LoadTarget, sample: Record<string, unknown>): Promise<void> {
  const cols = await target.db.system((tx) =>
    tx.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
      [target.entity.table],
    ),
  )
  const have = new Set(cols.map((c) => c.column_name))
  const missing = Object.keys(sample).filter((c) => !have.has(c))
  if (missing.length)
    throw new Error(
      `The bulk loader writes columns that ${target.entity.table} does not have: ${missing.join(', ')}`,
    )
}

/**
 * Writes rows in one tenant transaction: reserves their numbers from the tenant's sequence (as the
 * engine allocates `CON-00001`), then inserts them 2,000 at a time.
 */
export async function writeRows(target: LoadTarget, rows: Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return
  const cols = Object.keys(rows[0])
  const list = cols.map((c) => `"${c}"`).join(', ')
  const table = `"${target.entity.table}"`
  const n = target.entity.numbering
  await target.db.tenant(target.tenantId, async (tx) => {
    if (n) {
      const [r] = await tx.query<{ first: number }>(
        `INSERT INTO core_sequence (tenant_id, key, period, next) VALUES ($1, $2, '', $3::int + 1)
         ON CONFLICT (tenant_id, key, period) DO UPDATE SET next = core_sequence.next + $3::int
         RETURNING next - $3::int AS first`,
        [target.tenantId, target.entity.ref, rows.length],
      )
      const column = snake(n.field)
      rows.forEach((row, i) => {
        row[column] = `${n.prefix ?? ''}${String(Number(r.first) + i).padStart(n.padding ?? 5, '0')}`
      })
    }
    for (let i = 0; i < rows.length; i += 2_000) {
      await tx.query(
        `INSERT INTO ${table} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${table}, $1::text::json)`,
        [JSON.stringify(rows.slice(i, i + 2_000))],
      )
    }
  })
}

/** Validates and writes `records` in one tenant transaction. */
export async function loadRecords(target: LoadTarget, records: GeneratedRecord[]): Promise<void> {
  await writeRows(target, toRows(target, records))
}
