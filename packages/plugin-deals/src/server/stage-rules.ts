/**
 * What a deal's stage implies: the probability defaults to the stage's, and a lost deal says why.
 * Pure, so the hooks stay thin and the rules are unit-tested. On update the records engine hands hooks
 * the merged record (`data`) and the stored one (`before`).
 * @module
 */
import type { FieldError, RecordData } from '@comptoir/core'
import { refId } from '@comptoir/core'

export interface StageInfo {
  id: string
  probability: string | number | null
  kind: string
}

function blank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '')
}

function sameNumber(a: unknown, b: unknown): boolean {
  return blank(a) ? blank(b) : !blank(b) && Number(a) === Number(b)
}

/**
 * Applies the stage rules to a new deal (`before` absent) or to the merged record of an update. The
 * probability becomes the stage's when it is empty, or when the stage changes and the same update does
 * not set another probability. Returns the errors: a deal in a lost stage needs a lost reason.
 */
export function applyStageRules(
  data: RecordData,
  before: RecordData | undefined,
  stage: StageInfo,
): FieldError[] {
  const stageChanged = before !== undefined && refId(data.stage) !== refId(before.stage)
  const probabilityKept = before !== undefined && sameNumber(data.probability, before.probability)
  if (blank(data.probability) || (stageChanged && probabilityKept)) data.probability = stage.probability
  if (stage.kind === 'lost' && blank(data.lostReason))
    return [{ path: 'lostReason', code: 'required_when_lost' }]
  return []
}

/** The stage to load for a write, or `null` when an update leaves stage, probability and lost reason alone. */
export function stageToCheck(data: RecordData, before: RecordData | undefined): string | null {
  if (
    before &&
    refId(data.stage) === refId(before.stage) &&
    sameNumber(data.probability, before.probability) &&
    (data.lostReason ?? null) === (before.lostReason ?? null)
  ) {
    return null
  }
  return refId(data.stage)
}
