/**
 * Automatic numbers for a batch of new records in one statement: the same per-tenant gapless sequence
 * and format as `ctx.nextNumber` (tenant settings override the entity's format), advanced by the number
 * of rows at once. Allocated after every check has passed, so refused rows use no number, and rolled back
 * with the batch if it fails.
 * @module
 */
import type { EntityInput } from '../entity/define-entity'
import { formatNumber, type NumberFormat } from '../numbering/sequence'
import type { RequestContext } from '../records/context'

export async function allocateNumbers(
  ctx: RequestContext,
  ref: string,
  numbering: NonNullable<EntityInput['numbering']>,
  count: number,
): Promise<string[]> {
  if (count === 0) return []
  const [s] = await ctx.tx.query<{ value: NumberFormat }>(
    'SELECT value FROM core_setting WHERE tenant_id = $1 AND key = $2',
    [ctx.tenant.id, `numbering.${ref}`],
  )
  const format: NumberFormat = {
    prefix: numbering.prefix,
    padding: numbering.padding,
    yearly: numbering.yearly,
    ...(s?.value ?? {}),
  }
  const year = ctx.core.now().getUTCFullYear()
  const [r] = await ctx.tx.query<{ first: number }>(
    `INSERT INTO core_sequence (tenant_id, key, period, next) VALUES ($1, $2, $3, $4::int + 1)
     ON CONFLICT (tenant_id, key, period) DO UPDATE SET next = core_sequence.next + $4::int
     RETURNING next - $4::int AS first`,
    [ctx.tenant.id, ref, format.yearly ? String(year) : '', count],
  )
  return Array.from({ length: count }, (_, i) => formatNumber(Number(r.first) + i, format, year))
}
