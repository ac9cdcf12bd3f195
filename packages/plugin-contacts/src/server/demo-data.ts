/**
 * Demo contacts for the demo accounts: pure and deterministic (a seeded generator). About three people
 * per account, the first one heading it and the others reporting to them; e-mail addresses follow the
 * account's domain.
 * @module
 */
import type { Address, RecordData } from '@comptoir/core'
import { LEAD_SOURCES } from '../entities/options'
import { FEMALE_FIRST_NAMES, HEAD_TITLES, LAST_NAMES, MALE_FIRST_NAMES, STAFF_TITLES } from './demo-people'
import { createRandom, type Random } from '@comptoir/core/server'

/** What the generator needs of an account. */
export interface AccountSeed {
  id: string
  name: string
  type?: string | null
  website?: string | null
  phone?: string | null
  billingAddress?: Address | null
}

export interface DemoContact {
  /** Index of this contact's manager in the generated list. */
  reportsTo?: number
  /** Another account the contact works with, and the role there. */
  otherAccount?: { id: string; role: string }
  data: RecordData
}

/** `Marie-Hélène Le Gall` → `marie-helene.le-gall`: the local part of a work e-mail address. */
export function emailLocalPart(firstName: string, lastName: string): string {
  const clean = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
  return `${clean(firstName)}.${clean(lastName)}`
}

/** `https://www.example.fr` → `example.fr`. */
export function domainOf(website: string | null | undefined, fallback: string): string {
  if (!website) return fallback
  return new URL(website).hostname.replace(/^www\./, '')
}

function mobile(random: Random): string {
  return `+33 ${random.pick([6, 7])} ${random.int(10, 99)} ${random.digits(2)} ${random.digits(2)} ${random.digits(2)}`
}

/** The office line: the switchboard with another extension. */
function officePhone(switchboard: string | null | undefined, random: Random): string | null {
  return switchboard ? `${switchboard.slice(0, -2)}${random.digits(2)}` : null
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10)
}

function person(random: Random) {
  const female = random.chance(0.5)
  const firstName = random.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES)
  return { female, firstName, lastName: random.pick(LAST_NAMES) }
}

function demoContact(account: AccountSeed, head: boolean, random: Random, today: Date): RecordData {
  const p = person(random)
  const domain = domainOf(account.website, 'exemple.fr')
  const job = head ? random.pick(HEAD_TITLES) : random.pick(STAFF_TITLES)
  const customer = account.type === 'customer'
  const consent = !customer && random.chance(0.25)
  const birthYear = today.getUTCFullYear() - random.int(25, 62)
  return {
    salutation: p.female ? 'mrs' : 'mr',
    firstName: p.firstName,
    lastName: p.lastName,
    account: account.id,
    title: p.female ? job.feminine : job.title,
    department: 'department' in job ? job.department : 'Direction',
    leadSource: customer ? 'existing_customer' : random.pick(LEAD_SOURCES),
    officePhone: officePhone(account.phone, random),
    mobile: random.chance(0.8) ? mobile(random) : null,
    email: `${emailLocalPart(p.firstName, p.lastName)}@${domain}`,
    linkedin: random.chance(0.3)
      ? `https://www.linkedin.com/in/${emailLocalPart(p.firstName, p.lastName).replace('.', '-')}`
      : null,
    doNotCall: random.chance(0.05),
    emailOptOut: random.chance(0.08),
    birthdate: random.chance(0.2)
      ? `${birthYear}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`
      : null,
    mailingAddress: account.billingAddress ?? null,
    lawfulBasis: customer ? 'contract' : consent ? 'consent' : 'legitimate_interest',
    consentDate: consent ? isoDate(new Date(today.getTime() - random.int(10, 700) * 86_400_000)) : null,
    consentSource: consent
      ? random.pick([
          'Formulaire du site web',
          'Salon professionnel',
          'Inscription à la lettre d’information',
        ])
      : null,
  }
}

const ROLES = ['accountant', 'consultant', 'influencer', 'technical'] as const

/** Splits `total` people over `n` accounts: at least one each, a few more at random. */
export function spread(total: number, n: number, random: Random): number[] {
  const counts = Array.from({ length: n }, () => 1)
  const cap = Math.max(6, Math.ceil(total / n) + 1)
  for (let left = total - n; left > 0; left--) {
    let i = random.int(0, n - 1)
    while (counts[i] >= cap) i = (i + 1) % n
    counts[i]++
  }
  return counts
}

/** `total` contacts (at least one per account) for `accounts`; `today` anchors the dates. */
export function generateContacts(
  accounts: readonly AccountSeed[],
  today: Date,
  total = 150,
  seed = 20261127,
): DemoContact[] {
  const random = createRandom(seed)
  const counts = spread(total, accounts.length, random)
  const emails = new Set<string>()
  const out: DemoContact[] = []
  accounts.forEach((account, i) => {
    const head = out.length
    for (let k = 0; k < counts[i]; k++) {
      let data = demoContact(account, k === 0, random, today)
      while (emails.has(data.email)) data = demoContact(account, k === 0, random, today)
      emails.add(data.email)
      const other =
        accounts.length > 1 && random.chance(0.07)
          ? random.pick(accounts.filter((a) => a.id !== account.id))
          : null
      out.push({
        ...(k > 0 ? { reportsTo: head } : {}),
        ...(other ? { otherAccount: { id: other.id, role: random.pick(ROLES) } } : {}),
        data,
      })
    }
  })
  return out
}
