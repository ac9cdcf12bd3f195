/**
 * Demo accounts: pure and deterministic (a seeded generator), so the data set is the same on every run
 * and its identity numbers can be checked by unit tests. SIREN and SIRET carry a valid Luhn key and the
 * VAT number is computed from the SIREN.
 * @module
 */
import { type Address, frenchVatNumber, luhnValid, type RecordData } from '@comptoir/core'
import { DEMO_COMPANIES, type DemoCompany } from './demo-companies'
import { CITIES, STREETS } from './demo-places'
import { createRandom, type Random } from '@comptoir/core/server'

export interface DemoAccount {
  /** The company name, unique in the data set; `parent` refers to it. */
  key: string
  parent?: string
  data: RecordData
}

/** Appends the one digit that makes `digits` pass the Luhn check. */
export function withLuhnKey(digits: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${digits}${d}`)) return `${digits}${d}`
  throw new RangeError(`No Luhn key for ${digits}`)
}

/** A random valid SIREN; never La Poste's 356…, whose establishments follow another rule. */
export function demoSiren(random: Random): string {
  for (;;) {
    const siren = withLuhnKey(`${random.int(3, 9)}${random.digits(7)}`)
    if (!siren.startsWith('356')) return siren
  }
}

/** A valid SIRET of `siren`: one of its first establishments (NIC 0001x to 0009x). */
export function demoSiret(siren: string, random: Random): string {
  return withLuhnKey(`${siren}000${random.int(1, 9)}`)
}

/** `Menuiserie Girard & Fils` → `menuiserie-girard-et-fils`. */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' et ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

/** A French number in international format: `+33 4 78 12 34 56`. */
export function frenchPhone(zone: number, random: Random): string {
  return `+33 ${zone} ${random.int(10, 99)} ${random.digits(2)} ${random.digits(2)} ${random.digits(2)}`
}

/** A street address in `cityKey` (a key of `CITIES`). */
export function demoAddress(cityKey: string, random: Random): Address {
  const c = CITIES[cityKey]
  return {
    street: `${random.int(1, 120)} ${random.pick(STREETS)}`,
    postalCode: c.postalCode,
    city: c.city,
    region: c.region,
    country: 'France',
  }
}

function money(amount: number): string {
  return amount.toFixed(2)
}

function shareCapital(form: DemoCompany['form'], random: Random): string | null {
  if (form === 'sa') return money(random.int(37, 500) * 1000)
  if (form === 'sas' || form === 'sasu') return money(random.int(2, 160) * 500)
  if (form === 'sarl' || form === 'eurl') return money(random.int(2, 100) * 500)
  return null
}

const PAYMENT_TERMS = ['immediate', 'days_30', 'days_30', 'days_45_end_of_month', 'days_60'] as const

function demoAccount(company: DemoCompany, random: Random): DemoAccount {
  const siren = demoSiren(random)
  const domain = `${slugify(company.name)}.fr`
  const zone = CITIES[company.city].zone
  const billingAddress = demoAddress(company.city, random)
  const trades = company.type === 'customer' || company.type === 'supplier'
  // Micro-entrepreneurs and most associations are exempt from VAT (franchise en base).
  const vatExempt = company.form === 'micro_entreprise' || company.form === 'association'
  const data: RecordData = {
    name: company.name,
    legalName: company.name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toUpperCase(),
    type: company.type,
    industry: company.industry,
    rating: company.type === 'customer' ? 'active' : null,
    employees: company.employees,
    annualRevenue: money(Math.max(1, company.employees) * random.int(55, 160) * 1000),
    phone: frenchPhone(zone, random),
    fax: random.chance(0.3) ? frenchPhone(zone, random) : null,
    email: `contact@${domain}`,
    secondaryEmail: random.chance(0.3) ? `comptabilite@${domain}` : null,
    website: `https://www.${domain}`,
    legalForm: company.form,
    siren,
    siret: demoSiret(siren, random),
    vatNumber: vatExempt ? null : frenchVatNumber(siren),
    nafCode: company.naf,
    shareCapital: shareCapital(company.form, random),
    billingAddress,
    shippingAddress: random.chance(0.2) ? demoAddress(company.city, random) : billingAddress,
    paymentTerms: trades ? random.pick(PAYMENT_TERMS) : null,
    description: company.type === 'customer' ? `Client depuis ${random.int(2012, 2025)}.` : null,
  }
  return { key: company.name, ...(company.parent ? { parent: company.parent } : {}), data }
}

/** About fifty accounts, parents before their subsidiaries. */
export function generateAccounts(seed = 20261127): DemoAccount[] {
  const random = createRandom(seed)
  return DEMO_COMPANIES.map((c) => demoAccount(c, random))
}
