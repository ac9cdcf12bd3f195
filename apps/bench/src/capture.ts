/**
 * The SQL behind each measured request, taken from the records engine itself: the request is replayed
 * in-process through Comptoir's app over a query-logging database, and the statement that reads the
 * page is kept for the floor routes, pgbench and the plans.
 * @module
 */
import type { Hono } from 'hono'
import type { LoggedQuery, QueryLog } from './db/query-log'
import type { FloorStatement, FloorStep } from './floor/floor-spec'
import type { Scenario } from './scenario'

export interface Captured {
  /** Every statement of each request, by measure name. */
  queries: Record<string, LoggedQuery[]>
  /** The statements a hand-written route needs for the same answer. */
  statements: Record<string, FloorStatement>
  tenantId: string
  userId: string
}

const PAGE = /ORDER BY[\s\S]*LIMIT \d+\s*$/
const COUNT = /^SELECT count\(\*\)/

function step(q: LoggedQuery, id?: string): FloorStep {
  const idParam = id === undefined ? -1 : q.params.indexOf(id)
  return { text: q.text, params: q.params, ...(idParam >= 0 ? { idParam } : {}) }
}

function find(queries: LoggedQuery[], name: string, test: (q: LoggedQuery) => boolean): LoggedQuery {
  const q = queries.find(test)
  if (!q) throw new Error(`No statement found for ${name} among ${queries.length}`)
  return q
}

export async function captureStatements(log: QueryLog, app: Hono<any>, sc: Scenario): Promise<Captured> {
  const s = sc.session
  const request = async (path: string) => {
    const { queries } = await log.capture(async () => {
      const r = await app.request(`${s.base}${path}`, { headers: { cookie: s.cookie } })
      if (r.status !== 200) throw new Error(`${path} → ${r.status} ${await r.text()}`)
      await r.arrayBuffer()
    })
    return queries
  }
  const id = sc.ids[0]
  const queries: Record<string, LoggedQuery[]> = {}
  for (const [name, path] of Object.entries({
    ...sc.paths,
    get: `/api/v1/records/contacts.contact/${id}`,
  }))
    queries[name] = await request(path)
  // The first tenant statement loads the user's context: its parameters are the tenant and the user.
  const tenant = find(queries.first, 'first', (q) => q.tenantId !== null)
  const tenantId = tenant.tenantId!
  const userId = String(tenant.params[1] ?? '')
  const page = (name: string) =>
    find(queries[name], name, (q) => PAGE.test(q.text) && q.text.includes('"contacts_contact" t'))
  const statements: Record<string, FloorStatement> = {}
  const put = (name: string, steps: FloorStep[]) => {
    statements[name] = { tenantId, userId, steps }
  }
  for (const name of ['first', 'deep', 'filtered', 'search', 'related']) put(name, [step(page(name))])
  put('filteredCount', [
    step(page('filteredCount')),
    step(find(queries.filteredCount, 'count', (q) => COUNT.test(q.text))),
  ])
  put('get', [
    step(
      find(queries.get, 'get', (q) => q.text.includes('"contacts_contact" t') && q.params.includes(id)),
      id,
    ),
  ])
  return { queries, statements, tenantId, userId }
}
