import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Attempt, judge, type Verdict } from '../src/attempt'
import { filterAttempts, idAttempts, linkAttempts } from '../src/cross-tenant-attempts'
import { importAttempts } from '../src/import-attempts'
import { createIsolationSetup, type IsolationSetup, markersOf } from '../src/isolation-setup'
import { apiRoutes, expandRoute, isTenantRoute, openApiPattern } from '../src/route-catalog'
import { rowsMentioning, tenantFingerprint } from '../src/tenant-fingerprint'

let s: IsolationSetup
let attempts: Attempt[]

beforeAll(async () => {
  s = await createIsolationSetup()
  const { t, target, intruder } = s
  const lead = intruder.seed.leadId
  const team = intruder.objects.teamId
  attempts = [
    ...idAttempts(t.app, t.core.registry, target),
    ...filterAttempts(t.app, t.core.registry, intruder, target),
    ...linkAttempts(t.core.registry, intruder, target, lead, team),
  ]
})
afterAll(() => s?.t.close())

describe('tenant isolation', () => {
  it('the catalog covers every route of the OpenAPI document and every tenant route of the app', async () => {
    const doc = await s.target.client.get('/api/v1/openapi.json')
    expect(doc.status).toBe(200)
    const concrete = apiRoutes(s.t.app)
      .filter(isTenantRoute)
      .flatMap((r) => expandRoute(r, s.t.core.registry, s.target.book))
    const uncovered: string[] = []
    for (const [path, ops] of Object.entries<Record<string, unknown>>(doc.body.paths)) {
      const re = openApiPattern(path)
      for (const method of Object.keys(ops))
        if (!concrete.some((c) => c.method === method.toUpperCase() && re.test(c.path)))
          uncovered.push(`${method} ${path}`)
    }
    expect(uncovered).toEqual([])
    const attempted = new Set(attempts.map((a) => a.pattern))
    const missed = apiRoutes(s.t.app)
      .filter(isTenantRoute)
      .filter((r) => expandRoute(r, s.t.core.registry, s.target.book).some((c) => c.idKinds.length))
      .filter((r) => !attempted.has(`${r.method} ${r.path}`))
      .map((r) => `${r.method} ${r.path}`)
    expect(missed).toEqual([])
  })

  it('the intruder reads, changes, deletes, filters and links nothing of the target, and learns nothing', async () => {
    const markers = markersOf(s.target)
    const before = await tenantFingerprint(s.t.db, s.target.tenantId)
    const failures: Verdict[] = []
    const changed: string[] = []
    const counts: Record<string, number> = {}
    for (const a of attempts) {
      const v = await judge(s.intruder.client, a, markers)
      counts[a.kind] = (counts[a.kind] ?? 0) + 1
      if (!v.ok) failures.push(v)
      if (a.method !== 'GET') {
        const now = await tenantFingerprint(s.t.db, s.target.tenantId)
        if (JSON.stringify(now) !== JSON.stringify(before)) {
          changed.push(`${a.method} ${a.path}`)
          break
        }
      }
    }
    console.log(`tenant isolation: ${attempts.length} attempts`, counts)
    expect(failures.map((f) => `${f.attempt.method} ${f.attempt.path} → ${f.status}: ${f.why}`)).toEqual([])
    expect(changed).toEqual([])
    expect(await tenantFingerprint(s.t.db, s.target.tenantId)).toEqual(before)
    expect(attempts.length).toBeGreaterThanOrEqual(200)
    for (const kind of ['read', 'update', 'delete', 'filter', 'link', 'action'])
      expect(counts[kind]).toBeGreaterThan(0)
  })

  it('a file of the target is neither readable nor usable as a photo by the intruder', () => {
    const file = s.target.objects.fileId
    const tried = attempts.filter(
      (a) => a.path.includes(file) || JSON.stringify(a.body ?? null).includes(file),
    )
    expect(tried.map((a) => `${a.kind} ${a.method}`).sort()).toEqual(
      expect.arrayContaining(['link PATCH', 'link POST', 'read GET']),
    )
  })

  it("CSV imports naming the target's ids create or change nothing that points at the target", async () => {
    const { t, target, intruder } = s
    const markers = markersOf(target)
    // The target's own queued work (its dry-run import) runs first: only the intruder's imports run below.
    await t.core.jobs.runDue()
    const before = await tenantFingerprint(t.db, target.tenantId)
    const tries = importAttempts({ ...target, trashed: target.seed.trashedAccountId }, intruder)
    const faults: string[] = []
    let rows = 0
    let failed = 0
    for (const a of tries) {
      const r = await intruder.client.request('POST', `/api/v1/import/${a.entity}?${a.query}`, a.csv, {
        'content-type': 'text/csv',
      })
      const what = `${a.entity}?${a.query}`
      if (r.status >= 500 || (r.status !== 202 && r.status >= 300 && r.status < 400)) {
        faults.push(`${what}: ${r.status}`)
        continue
      }
      if (r.status !== 202) continue
      await t.core.jobs.runDue()
      const job = await intruder.client.get(`/api/v1/import/jobs/${r.body.id}?errorsLimit=1000`)
      const text = JSON.stringify(job.body)
      const leaked = markers.filter((m) => !a.csv.includes(m) && text.includes(m))
      if (job.status !== 200 || leaked.length)
        faults.push(`${what}: ${job.status} leaks ${leaked.join(', ')}`)
      rows += a.csv.trim().split('\n').length - 1
      failed += job.body.errors?.length ?? 0
      const pointing = await rowsMentioning(
        t.db,
        intruder.tenantId,
        markers.filter((m) => /^[0-9a-f-]{36}$/.test(m)),
      )
      if (pointing.length) faults.push(`${what} left ${pointing.join(' | ')}`)
    }
    console.log(
      `tenant isolation: ${tries.length} imports, ${rows} rows naming the target, ${failed} row errors`,
    )
    expect(faults).toEqual([])
    expect(failed).toBeGreaterThan(0)
    // The scan sees the intruder's records: its own account is mentioned by its own contact.
    expect(await rowsMentioning(t.db, intruder.tenantId, [intruder.records['accounts.account']])).not.toEqual(
      [],
    )
    expect(await tenantFingerprint(t.db, target.tenantId)).toEqual(before)
  })
})
