/**
 * Hooks of the accounts plugin: identity numbers are stored in one canonical form, whatever the user
 * typed (`fr 40 303 265 045` → `FR40303265045`, `6201z` → `62.01Z`).
 * @module
 */
import type { FilterHook } from '@comptoir/core/server'
import { compactVatNumber, formatNafCode } from '../entities/account-identity'

const normalizeIdentity: FilterHook = function normalizeIdentity(_ctx, { data }) {
  if (typeof data.vatNumber === 'string') data.vatNumber = compactVatNumber(data.vatNumber)
  if (typeof data.nafCode === 'string') data.nafCode = formatNafCode(data.nafCode)
}

export const hooks: Record<string, FilterHook> = {
  'accounts.account.beforeCreate': normalizeIdentity,
  'accounts.account.beforeUpdate': normalizeIdentity,
}
