/**
 * What the measures ask of a running server: a signed-in session (the web app's cookie), the requests of
 * each measured page, a cursor 5,000 rows deep found by paging through the API as a user would, and a
 * pool of record ids met on the way.
 * @module
 */
import type { SeededTenant } from './data/seed'

export interface Session {
  base: string
  cookie: string
  origin: string
}

export interface Scenario {
  session: Session
  /** Paths of the measured pages. */
  paths: {
    first: string
    deep: string
    filtered: string
    filteredCount: string
    search: string
    globalSearch: string
    related: string
  }
  /** Rows skipped before the deep page (5,000, or less in a small data set). */
  depth: number
  /** What the filtered page filters on, as shown in the report. */
  filterLabel: string
  /** Contact ids from the rows paged through. */
  ids: string[]
}

const CONTACTS = '/api/v1/records/contacts.contact'
export const SEARCH_TERM = 'dupont'
/** "Lefebvre" with a typo. */
export const GLOBAL_TERM = 'lefebre'
const CITY = 'Nantes'

export async function signIn(base: string, t: SeededTenant): Promise<Session> {
  const origin = base
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email: t.adminEmail, password: t.password, tenant: t.slug }),
  })
  if (r.status !== 200) throw new Error(`Sign-in failed: ${r.status} ${await r.text()}`)
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]
  return { base, cookie, origin }
}

export async function getJson(s: Session, path: string): Promise<{ status: number; body: any }> {
  const r = await fetch(`${s.base}${path}`, { headers: { cookie: s.cookie } })
  const text = await r.text()
  return { status: r.status, body: text ? JSON.parse(text) : null }
}

/**
 * The filter of the filtered page: the contact's city when the records engine can filter on an address
 * part, else a text field of similar use (the report says which was measured).
 */
async function cityFilter(s: Session): Promise<{ query: string; label: string }> {
  const city = `filter[mailingAddress.city]=${encodeURIComponent(CITY)}`
  const r = await getJson(s, `${CONTACTS}?${city}&limit=1`)
  if (r.status === 200) return { query: city, label: `city = ${CITY}` }
  return { query: 'filter[title]=Comptable', label: 'title = Comptable (city filters are refused: 400)' }
}

export async function buildScenario(s: Session, contacts: number, bigAccountId: string): Promise<Scenario> {
  const depth = Math.max(200, Math.min(5_000, Math.floor((contacts - 100) / 200) * 200))
  const ids: string[] = []
  let cursor: string | null = null
  for (let seen = 0; seen < depth; seen += 200) {
    const page: { status: number; body: any } = await getJson(
      s,
      `${CONTACTS}?sort=lastName&limit=200&fields=lastName${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    )
    if (page.status !== 200) throw new Error(`Paging failed: ${page.status} ${JSON.stringify(page.body)}`)
    for (const r of page.body.data) ids.push(r.id)
    cursor = page.body.nextCursor
    if (!cursor) throw new Error(`Only ${ids.length} contacts to page through`)
  }
  const filter = await cityFilter(s)
  return {
    session: s,
    depth,
    filterLabel: filter.label,
    ids: ids.slice(200),
    paths: {
      first: `${CONTACTS}?sort=lastName&limit=50`,
      deep: `${CONTACTS}?sort=lastName&limit=50&cursor=${encodeURIComponent(cursor!)}`,
      filtered: `${CONTACTS}?${filter.query}&sort=-createdAt&limit=50`,
      filteredCount: `${CONTACTS}?${filter.query}&sort=-createdAt&limit=50&count=true`,
      search: `${CONTACTS}?q=${SEARCH_TERM}&limit=50`,
      globalSearch: `/api/v1/search?q=${GLOBAL_TERM}`,
      related: `/api/v1/records/accounts.account/${bigAccountId}/related/contacts.contact.account?limit=50`,
    },
  }
}
