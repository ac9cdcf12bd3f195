/**
 * The convert action's body, checked before anything is written: where the account and the contact come
 * from (created from the lead, or an existing record) and the optional deal.
 * @module
 */
import type { FieldError, RecordData } from '@comptoir/core'
import type { DealInput } from './mapping'

export interface TargetInput {
  mode: 'create' | 'existing'
  id?: string
  /** Values typed in the dialog, applied over the ones mapped from the lead. */
  data?: RecordData
}

export interface ConvertInput {
  account: TargetInput
  contact: TargetInput
  deal?: DealInput
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DEAL_KEYS = ['name', 'amount', 'closeDate', 'stage'] as const

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function target(raw: unknown, path: string, errors: FieldError[]): TargetInput {
  if (raw === undefined || raw === null) return { mode: 'create' }
  if (!isObject(raw)) {
    errors.push({ path, code: 'type_object' })
    return { mode: 'create' }
  }
  const mode = raw.mode ?? 'create'
  if (mode !== 'create' && mode !== 'existing') {
    errors.push({ path: `${path}.mode`, code: 'invalid_option', params: { options: ['create', 'existing'] } })
    return { mode: 'create' }
  }
  if (mode === 'existing') {
    if (typeof raw.id !== 'string' || !UUID_RE.test(raw.id)) {
      errors.push({ path: `${path}.id`, code: 'invalid_reference' })
      return { mode, id: '' }
    }
    return { mode, id: raw.id.toLowerCase() }
  }
  if (raw.data !== undefined && !isObject(raw.data))
    errors.push({ path: `${path}.data`, code: 'type_object' })
  return { mode, ...(isObject(raw.data) ? { data: raw.data } : {}) }
}

function deal(raw: unknown, errors: FieldError[]): DealInput | undefined {
  if (raw === undefined || raw === null || raw === false) return undefined
  if (!isObject(raw)) {
    errors.push({ path: 'deal', code: 'type_object' })
    return undefined
  }
  for (const key of Object.keys(raw)) {
    if (!(DEAL_KEYS as readonly string[]).includes(key))
      errors.push({ path: `deal.${key}`, code: 'unknown_field' })
  }
  const out: DealInput = {}
  for (const key of DEAL_KEYS) {
    const v = raw[key]
    if (v === undefined || v === null || v === '') continue
    if (typeof v === 'string' || (key === 'amount' && typeof v === 'number'))
      (out as Record<string, unknown>)[key] = v
    else errors.push({ path: `deal.${key}`, code: 'type_string' })
  }
  return out
}

/** Reads the body; the errors carry JSON paths such as `account.id`. Field values are checked on write. */
export function parseConvertInput(body: unknown): { input: ConvertInput; errors: FieldError[] } {
  const errors: FieldError[] = []
  const b = body ?? {}
  if (!isObject(b))
    return {
      input: { account: { mode: 'create' }, contact: { mode: 'create' } },
      errors: [{ path: '', code: 'type_object' }],
    }
  const dealInput = deal(b.deal, errors)
  const input: ConvertInput = {
    account: target(b.account, 'account', errors),
    contact: target(b.contact, 'contact', errors),
    ...(dealInput ? { deal: dealInput } : {}),
  }
  return { input, errors }
}

/** Keeps only the keys a user may type for a target entity: its own fields that are not read-only. */
export function writableData(
  data: RecordData | undefined,
  fields: Record<string, { readOnly: boolean }>,
): RecordData {
  return Object.fromEntries(Object.entries(data ?? {}).filter(([k]) => fields[k] && !fields[k].readOnly))
}
