/**
 * Per-tenant gapless sequences. The counter row is locked by the caller's transaction until it commits,
 * so concurrent allocations queue, a rollback gives the number back, and no number is skipped or reused.
 * @module
 */
import type { Queryable } from '../db/database'

export interface NumberFormat {
  prefix?: string
  padding?: number
  /** One series per calendar year; the year follows the prefix (`FA-2026-00001`). */
  yearly?: boolean
}

/**
 * Takes `count` numbers of the `key` series in one statement. The tenant's numbering setting
 * (`numbering.<key>`), which overrides `defaults`, is read by the same statement: it decides whether the
 * series restarts each year, and comes back with the first value so that the numbers are formatted as it
 * says.
 */
export async function takeNumbers(
  tx: Queryable,
  tenantId: string,
  key: string,
  defaults: NumberFormat,
  count: number,
  now: Date,
): Promise<string[]> {
  if (count <= 0) return []
  const year = now.getUTCFullYear()
  const [r] = await tx.query<{ first: number; setting: NumberFormat | null }>(
    `WITH s AS (SELECT value FROM core_setting WHERE tenant_id = $1 AND key = $2)
     INSERT INTO core_sequence (tenant_id, key, period, next)
     SELECT $1, $3::text,
       CASE WHEN coalesce((SELECT value ? 'yearly' FROM s), false)
         THEN CASE WHEN (SELECT (value->>'yearly')::boolean FROM s) THEN $5::text ELSE '' END
         WHEN $4::boolean THEN $5::text ELSE '' END,
       $6::int + 1
     ON CONFLICT (tenant_id, key, period) DO UPDATE SET next = core_sequence.next + $6::int
     RETURNING next - $6::int AS first, (SELECT value FROM s) AS setting`,
    [tenantId, `numbering.${key}`, key, defaults.yearly === true, String(year), count],
  )
  const format: NumberFormat = { ...defaults, ...(r.setting ?? {}) }
  return Array.from({ length: count }, (_, i) => formatNumber(Number(r.first) + i, format, year))
}

export function formatNumber(value: number, f: NumberFormat, year: number): string {
  const body = String(value).padStart(f.padding ?? 5, '0')
  return `${f.prefix ?? ''}${f.yearly ? `${year}-` : ''}${body}`
}
