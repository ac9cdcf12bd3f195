/**
 * Which lists to run to warn about duplicates before a lead is created: same e-mail, same phone, similar
 * name or company, among live leads, contacts and accounts. Pure, so the plan is unit-tested.
 * @module
 */
import type { Filter } from '@comptoir/core/server'

export interface DuplicateCriteria {
  email?: string
  phone?: string
  company?: string
  firstName?: string
  lastName?: string
}

export type MatchedOn = 'email' | 'phone' | 'name' | 'company'

export interface DuplicateQuery {
  ref: 'leads.lead' | 'contacts.contact' | 'accounts.account'
  on: MatchedOn
  filters?: Filter[]
  q?: string
  /**
   * A closer check of what the search found, since `q` spans every search field (a lead's name search
   * also finds its company): the field's accent- and case-free text must equal or contain `value`.
   */
  keep?: { field: string; value: string; mode: 'equals' | 'contains' }
}

/** `Élodie ` → `elodie`: how names compare. */
export function plainText(v: unknown): string {
  return typeof v === 'string'
    ? v
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/\s+/g, ' ')
        .trim()
    : ''
}

/** Whether a row found by a query's search passes its closer check. */
export function keeps(query: DuplicateQuery, row: Record<string, unknown>): boolean {
  if (!query.keep) return true
  const text = plainText(row[query.keep.field])
  const value = plainText(query.keep.value)
  return query.keep.mode === 'equals' ? text === value : text.includes(value)
}

function clean(v: unknown): string {
  return typeof v === 'string' ? v.trim().slice(0, 200) : ''
}

/** Converted leads live on as contacts: they are not candidates. */
const notConverted: Filter = { field: 'status', op: 'ne', value: 'converted' }

export function duplicateQueries(criteria: DuplicateCriteria): DuplicateQuery[] {
  const email = clean(criteria.email).toLowerCase()
  const phone = clean(criteria.phone)
  const name = [clean(criteria.firstName), clean(criteria.lastName)].filter(Boolean).join(' ')
  const company = clean(criteria.company)
  const eq = (field: string, value: string): Filter => ({ field, op: 'eq', value })
  const out: DuplicateQuery[] = []
  if (email) {
    out.push({ ref: 'leads.lead', on: 'email', filters: [eq('email', email), notConverted] })
    out.push({ ref: 'contacts.contact', on: 'email', filters: [eq('email', email)] })
    out.push({ ref: 'accounts.account', on: 'email', filters: [eq('email', email)] })
  }
  if (phone) {
    for (const field of ['phone', 'mobile'])
      out.push({ ref: 'leads.lead', on: 'phone', filters: [eq(field, phone), notConverted] })
    for (const field of ['officePhone', 'mobile'])
      out.push({ ref: 'contacts.contact', on: 'phone', filters: [eq(field, phone)] })
    out.push({ ref: 'accounts.account', on: 'phone', filters: [eq('phone', phone)] })
  }
  const lastName = clean(criteria.lastName)
  if (lastName) {
    const keep = { field: 'lastName', value: lastName, mode: 'equals' as const }
    out.push({ ref: 'leads.lead', on: 'name', q: name, filters: [notConverted], keep })
    out.push({ ref: 'contacts.contact', on: 'name', q: name, keep })
  }
  if (company) {
    const keep = { value: company, mode: 'contains' as const }
    out.push({
      ref: 'leads.lead',
      on: 'company',
      q: company,
      filters: [notConverted],
      keep: { field: 'company', ...keep },
    })
    out.push({ ref: 'accounts.account', on: 'company', q: company, keep: { field: 'name', ...keep } })
  }
  return out
}
