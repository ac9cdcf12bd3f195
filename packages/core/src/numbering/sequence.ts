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

export async function nextSequenceValue(
  tx: Queryable,
  tenantId: string,
  key: string,
  period = '',
): Promise<number> {
  const [r] = await tx.query<{ value: number }>(
    `INSERT INTO core_sequence (tenant_id, key, period, next) VALUES ($1, $2, $3, 2)
     ON CONFLICT (tenant_id, key, period) DO UPDATE SET next = core_sequence.next + 1
     RETURNING next - 1 AS value`,
    [tenantId, key, period],
  )
  return Number(r.value)
}

export function formatNumber(value: number, f: NumberFormat, year: number): string {
  const body = String(value).padStart(f.padding ?? 5, '0')
  return `${f.prefix ?? ''}${f.yearly ? `${year}-` : ''}${body}`
}

export async function allocateNumber(
  tx: Queryable,
  tenantId: string,
  key: string,
  f: NumberFormat,
  now: Date,
): Promise<string> {
  const year = now.getUTCFullYear()
  const value = await nextSequenceValue(tx, tenantId, key, f.yearly ? String(year) : '')
  return formatNumber(value, f, year)
}
