/**
 * What conversion means for a lead, as pure predicates shared by the convert action and the hooks.
 * @module
 */
import type { RecordData } from '@comptoir/core'

/** Converted: by status or by the conversion date the action sets. */
export function isConverted(lead: RecordData | undefined): boolean {
  return !!lead && (lead.status === 'converted' || !!lead.convertedAt)
}

/** A write that sets the `converted` status without going through the convert action. */
export function convertsByHand(data: RecordData): boolean {
  return data.status === 'converted' && !data.convertedAt
}

/** Days after today for a deal created without a close date. */
export const DEFAULT_CLOSE_IN_DAYS = 30

export function defaultCloseDate(today: Date): string {
  return new Date(today.getTime() + DEFAULT_CLOSE_IN_DAYS * 86_400_000).toISOString().slice(0, 10)
}
