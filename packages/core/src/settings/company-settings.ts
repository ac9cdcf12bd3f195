/**
 * The tenant's legal identity, printed on quotes and invoices (`core_setting` key `company`): name, legal
 * form, SIREN, SIRET, VAT number, NAF code, share capital, RCS city, address and contact details, IBAN
 * and BIC. Identifiers are checked (Luhn keys, VAT key, IBAN mod 97) and against each other.
 * @module
 */
import { f } from '../entity/fields'
import { validateRecord } from '../entity/validate'
import { ValidationError } from '../errors'
import type { RequestContext } from '../records/context'
import { frenchValidators, frenchVatNumber } from '../validators/french'
import { bankValidators } from './bank-validators'
import { readSetting } from './setting-store'

export const COMPANY_SETTING = 'company'

const FIELDS = {
  name: f.text({ required: true, maxLength: 200 }),
  legalForm: f.text({ maxLength: 100 }),
  siren: f.text({ transform: 'digits', validate: frenchValidators.siren }),
  siret: f.text({ transform: 'digits', validate: frenchValidators.siret }),
  vatNumber: f.text({ transform: 'upper', maxLength: 20, validate: frenchValidators.vatNumber }),
  naf: f.text({ transform: 'upper', maxLength: 6, validate: frenchValidators.naf }),
  shareCapital: f.money({ min: 0 }),
  rcsCity: f.text({ maxLength: 100 }),
  address: f.address(),
  phone: f.phone(),
  email: f.email(),
  website: f.url(),
  iban: f.text({ transform: 'upper', maxLength: 42, validate: bankValidators.iban }),
  bic: f.text({ transform: 'upper', maxLength: 14, validate: bankValidators.bic }),
}

export type CompanySettings = Record<keyof typeof FIELDS, unknown>

const compact = (v: unknown) => (typeof v === 'string' ? v.replace(/\s/g, '') : v)

export async function readCompany(ctx: RequestContext): Promise<CompanySettings> {
  const stored = (await readSetting<Partial<CompanySettings>>(ctx, COMPANY_SETTING)) ?? {}
  const empty = Object.fromEntries(Object.keys(FIELDS).map((k) => [k, null])) as CompanySettings
  return { ...empty, name: ctx.tenant.name, ...stored }
}

/** The whole identity, validated; identifiers are stored without spaces (`FR40303265045`, `62.01Z`). */
export function parseCompany(body: Record<string, unknown>): CompanySettings {
  const r = validateRecord(FIELDS, body)
  const v = r.values as Record<string, any>
  if (!r.errors.length) {
    for (const k of ['vatNumber', 'iban', 'bic']) v[k] = compact(v[k])
    if (v.naf && !v.naf.includes('.')) v.naf = `${v.naf.slice(0, 2)}.${v.naf.slice(2)}`
    if (v.siren && v.siret && !v.siret.startsWith(v.siren))
      r.errors.push({ path: 'siret', code: 'siret_siren_mismatch' })
    if (v.siren && v.vatNumber?.startsWith('FR') && v.vatNumber !== frenchVatNumber(v.siren)) {
      r.errors.push({ path: 'vatNumber', code: 'vat_siren_mismatch' })
    }
  }
  if (r.errors.length) throw new ValidationError(r.errors)
  return v as CompanySettings
}
