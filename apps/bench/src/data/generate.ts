/**
 * The generated customer file: accounts and their contacts, in the API's JSON shape, the same on every
 * run for a given seed. Records are created over three years in time order, as a real file grows, and
 * the first account has a fixed number of contacts (the related-list measure).
 * @module
 */
import type { RecordData } from '@comptoir/core'
import { createRandom, type Random, uuidv7 } from '@comptoir/core/server'
import {
  CITIES,
  type City,
  COMPANY_PATTERNS,
  DEPARTMENTS,
  FIRST_NAMES,
  JOB_TITLES,
  LAST_NAMES,
  plain,
  STREETS,
} from './french-data'

/** A record to load: its id and creation time, and its fields as the API takes them. */
export interface GeneratedRecord {
  id: string
  createdAt: Date
  data: RecordData
}

const THREE_YEARS = 3 * 365 * 86_400_000

/** Picks with a Zipf-like bias towards the start of the list. */
function skewed<T>(r: Random, items: readonly T[]): T {
  const x = r.next()
  return items[Math.floor(x * x * items.length)]
}

function weighted(r: Random, cities: City[], total: number): City {
  let x = r.next() * total
  for (const c of cities) {
    x -= c.weight
    if (x < 0) return c
  }
  return cities[cities.length - 1]
}

const CITY_TOTAL = CITIES.reduce((s, c) => s + c.weight, 0)

/** Share of generated addresses in `city` (the filtered-page measure picks a city of about 3 %). */
export function cityShare(city: string): number {
  return (CITIES.find((c) => c.name === city)?.weight ?? 0) / CITY_TOTAL
}

function phone(r: Random, mobile: boolean): string {
  const lead = mobile ? r.pick(['6', '7']) : r.pick(['1', '2', '3', '4', '5'])
  return `+33 ${lead} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)}`
}

/** A SIREN with a valid Luhn key, as the accounts plugin checks it. */
function siren(r: Random): string {
  const body = `${r.int(1, 9)}${r.digits(7)}`
  let sum = 0
  for (let i = 0; i < 8; i++) {
    let d = Number(body[7 - i]) * (i % 2 === 0 ? 2 : 1)
    if (d > 9) d -= 9
    sum += d
  }
  return body + String((10 - (sum % 10)) % 10)
}

export interface GeneratedAccount extends GeneratedRecord {
  domain: string
  city: City
}

/** `count` accounts, created over the three years before `now`. */
export function generateAccounts(seed: number, count: number, now: Date): GeneratedAccount[] {
  const r = createRandom(seed)
  const start = now.getTime() - THREE_YEARS
  const out: GeneratedAccount[] = []
  for (let i = 0; i < count; i++) {
    const name = COMPANY_PATTERNS[i % COMPANY_PATTERNS.length].replace('{name}', skewed(r, LAST_NAMES))
    const domain = `${plain(name)}-${i}.fr`
    const city = weighted(r, CITIES, CITY_TOTAL)
    const createdAt = new Date(start + Math.floor((i / count) * THREE_YEARS * 0.5))
    out.push({
      id: uuidv7(createdAt.getTime()),
      createdAt,
      domain,
      city,
      data: {
        name,
        type: r.chance(0.4) ? 'customer' : 'prospect',
        phone: phone(r, false),
        email: `contact@${domain}`,
        website: `https://www.${domain}`,
        siren: siren(r),
        billingAddress: {
          street: `${r.int(1, 180)} ${r.pick(STREETS)}`,
          postalCode: city.postalCode,
          city: city.name,
          country: 'France',
        },
      },
    })
  }
  return out
}

export interface ContactPlan {
  count: number
  /** Contacts of the first account (the related-list measure). */
  firstAccountContacts: number
}

/**
 * Contacts `from` to `to` (exclusive) of a file of `plan.count`, spread over `accounts`. Deterministic
 * per index, so the file can be produced in slices of any size and produced again for the import.
 */
export function generateContacts(
  seed: number,
  plan: ContactPlan,
  accounts: GeneratedAccount[],
  now: Date,
  from: number,
  to: number,
): GeneratedRecord[] {
  const start = now.getTime() - THREE_YEARS
  const out: GeneratedRecord[] = []
  for (let i = from; i < to; i++) {
    const r = createRandom(seed * 1_000_003 + i)
    const account =
      i < plan.firstAccountContacts || accounts.length === 1
        ? accounts[0]
        : accounts[1 + r.int(0, accounts.length - 2)]
    const firstName = r.pick(FIRST_NAMES)
    const lastName = skewed(r, LAST_NAMES)
    const city = r.chance(0.7) ? account.city : weighted(r, CITIES, CITY_TOTAL)
    const createdAt = new Date(start + Math.floor((i / plan.count) * THREE_YEARS) + r.int(0, 59_999))
    out.push({
      id: uuidv7(createdAt.getTime()),
      createdAt,
      data: {
        salutation: r.pick(['mr', 'mrs'] as const),
        firstName,
        lastName,
        // Unique within a file (the import reports an address met twice), as a person's address is.
        email: `${plain(firstName)}.${plain(lastName)}.${i.toString(36)}@${account.domain}`,
        account: account.id,
        title: r.pick(JOB_TITLES),
        department: r.pick(DEPARTMENTS),
        officePhone: phone(r, false),
        mobile: r.chance(0.6) ? phone(r, true) : null,
        leadSource: r.pick(['website', 'word_of_mouth', 'trade_show', 'partner'] as const),
        lawfulBasis: 'legitimate_interest',
        mailingAddress: {
          street: `${r.int(1, 180)} ${r.pick(STREETS)}`,
          postalCode: city.postalCode,
          city: city.name,
          country: 'France',
        },
      },
    })
  }
  return out
}
