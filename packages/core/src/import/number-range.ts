/**
 * Automatic numbers for a batch of new records in one statement: the same per-tenant gapless sequence
 * and format as `ctx.nextNumber` (tenant settings override the entity's format), advanced by the number
 * of rows at once. Allocated after every check has passed, so refused rows use no number, and rolled back
 * with the batch if it fails.
 * @module
 */
import type { EntityInput } from '../entity/define-entity'
import { takeNumbers } from '../numbering/sequence'
import type { RequestContext } from '../records/context'

export async function allocateNumbers(
  ctx: RequestContext,
  ref: string,
  numbering: NonNullable<EntityInput['numbering']>,
  count: number,
): Promise<string[]> {
  return takeNumbers(
    ctx.tx,
    ctx.tenant.id,
    ref,
    { prefix: numbering.prefix, padding: numbering.padding, yearly: numbering.yearly },
    count,
    ctx.core.now(),
  )
}
