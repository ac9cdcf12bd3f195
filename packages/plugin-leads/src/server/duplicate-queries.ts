/**
 * Which lists to run to warn about duplicates before a lead is created: same e-mail, same phone,
 * trigram-similar name or company, among live leads, contacts and accounts. Pure, so the plan is
 * unit-tested.
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

/**
 * Trigram similarity (pg_trgm) from which two names are taken for the same: "Jean Dupond" and "Jean
 * Dupont" score about 0.7, "Élodie Martin" and "Martinez" about 0.35.
 */
export const SIMILARITY_THRESHOLD = 0.5

export interface DuplicateQuery {
  ref: 'leads.lead' | 'contacts.contact' | 'accounts.account'
  on: MatchedOn
  filters?: Filter[]
  /**
   * Rows whose fields, joined by a space and compared without accents or case, are trigram-similar to
   * `value` (or contain it, with `contains`).
   */
  similar?: { fields: string[]; value: string; contains?: boolean }
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
    // With a first name, the full names are compared; with a last name only, the last names.
    const fields = name === lastName ? ['lastName'] : ['firstName', 'lastName']
    const similar = { fields, value: plainText(name) }
    out.push({ ref: 'leads.lead', on: 'name', filters: [notConverted], similar })
    out.push({ ref: 'contacts.contact', on: 'name', similar })
  }
  if (company) {
    const value = plainText(company)
    out.push({
      ref: 'leads.lead',
      on: 'company',
      filters: [notConverted],
      similar: { fields: ['company'], value, contains: true },
    })
    out.push({ ref: 'accounts.account', on: 'company', similar: { fields: ['name'], value, contains: true } })
  }
  return out
}
