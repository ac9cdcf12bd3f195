import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LONG, POSTGRES_URL, size } from '../src/budget'
import { ADMIN_EMAIL, ADMIN_PASSWORD, createServerProcess, type ServerProcess } from '../src/server-process'
import { type SessionClient, signIn } from '../src/session-client'
import { percentile, runWorkload, type VirtualUser } from '../src/workload'

const DURATION = size(30_000, 600_000)
/** The first and last "minute": a tenth of the run in the short form. */
const WINDOW = size(6_000, 60_000)
const USERS = 50
let server: ServerProcess
const users: VirtualUser[] = []

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) / 1024 : 0
}

beforeAll(async () => {
  server = await createServerProcess({ postgresUrl: POSTGRES_URL })
  await server.start()
  const admin = await signIn(fetch, server.url, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD })
  const roles = (await admin.request('GET', '/api/v1/admin/roles')).body.data as {
    id: string
    template?: string
    name: string
  }[]
  const manager = roles.find((r) => r.template === 'sales-manager' || /manager|responsable/i.test(r.name))
  const accounts: string[] = []
  for (let i = 0; i < 40; i++) {
    const a = await admin.request('POST', '/api/v1/records/accounts.account', { name: `Conseil ${i} Dupont` })
    accounts.push(a.body.id)
    await admin.request('POST', '/api/v1/records/contacts.contact', {
      lastName: `Martin ${i}`,
      firstName: 'Élodie',
      account: a.body.id,
    })
  }
  const pending = Array.from({ length: USERS }, (_, i) => i)
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let i = pending.shift(); i !== undefined; i = pending.shift()) {
        const email = `charge${i}@demo.test`
        const created = await admin.request('POST', '/api/v1/admin/users', {
          email,
          name: `Commercial ${i}`,
          password: 'mot-de-passe-charge-42',
          roles: manager ? [manager.id] : [],
          isAdmin: !manager,
        })
        if (created.status !== 201)
          throw new Error(`user ${i}: ${created.status} ${JSON.stringify(created.body)}`)
        const client: SessionClient = await signIn(fetch, server.url, {
          email,
          password: 'mot-de-passe-charge-42',
        })
        users.push({ client, accounts, own: [] })
      }
    }),
  )
})
afterAll(() => server?.dispose())

describe(`load: ${USERS} users, 70 % reads, 20 % writes, 10 % search, ${DURATION / 1000} s (${POSTGRES_URL ? 'PostgreSQL' : 'embedded database'})`, () => {
  it('no error, a steady p99 and a flat memory', async () => {
    const pid = server.child().pid!
    const rss: { at: number; mb: number }[] = []
    const start = Date.now()
    const sampler = setInterval(() => rss.push({ at: Date.now() - start, mb: rssMb(pid) }), 1000)
    // A probe that needs no database: how long the server leaves a new connection waiting.
    const health: number[] = []
    let probing = true
    const probe = (async () => {
      while (probing) {
        const t0 = performance.now()
        await fetch(`${server.url}/health`, { headers: { connection: 'close' } })
        health.push(performance.now() - t0)
        await new Promise((r) => setTimeout(r, 500))
      }
    })()
    const result = await runWorkload(users, DURATION)
    probing = false
    await probe
    clearInterval(sampler)
    const first = result.samples.filter((s) => s.at < WINDOW).map((s) => s.ms)
    const last = result.samples.filter((s) => s.at >= DURATION - WINDOW).map((s) => s.ms)
    const p99First = percentile(first, 99)
    const p99Last = percentile(last, 99)
    // Memory, like with like: the median RSS of the first window after the warm-up one, and of the last.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
    const mid = median(rss.filter((r) => r.at >= WINDOW && r.at < 2 * WINDOW).map((r) => r.mb))
    const end = median(rss.filter((r) => r.at >= DURATION - WINDOW).map((r) => r.mb))
    const byKind = (k: string) => result.samples.filter((s) => s.kind === k).length
    console.log(
      `load: ${result.samples.length} requests (${byKind('read')} reads, ${byKind('write')} writes, ${byKind('search')} searches), ` +
        `${(result.samples.length / (DURATION / 1000)).toFixed(0)} req/s, p50 ${percentile(
          result.samples.map((s) => s.ms),
          50,
        ).toFixed(0)} ms, ` +
        `p99 first ${p99First.toFixed(0)} ms / last ${p99Last.toFixed(0)} ms, RSS ${mid.toFixed(0)} → ${end.toFixed(0)} MB, ${result.errors.length} errors`,
    )
    for (const kind of ['read', 'write', 'search'] as const) {
      const ms = (from: number, to: number) =>
        result.samples.filter((x) => x.kind === kind && x.at >= from && x.at < to).map((x) => x.ms)
      console.log(
        `load: ${kind} p99 first ${percentile(ms(0, WINDOW), 99).toFixed(0)} ms, last ${percentile(ms(DURATION - WINDOW, DURATION), 99).toFixed(0)} ms, max ${Math.max(...ms(0, DURATION)).toFixed(0)} ms`,
      )
    }
    console.log(
      `load: /health answered in at most ${Math.max(...health).toFixed(0)} ms over ${health.length} probes`,
    )
    expect(result.errors.slice(0, 20)).toEqual([])
    expect(Math.max(...health), 'the server keeps answering new connections').toBeLessThanOrEqual(2_000)
    expect(first.length).toBeGreaterThan(0)
    // The embedded database serves every request from one queue in the server's thread: on two shared
    // cores its p99 over six-second windows swings with whatever else the machine does. The short form
    // holds that ratio on PostgreSQL; the long form (one-minute windows) holds it on both.
    if (LONG || POSTGRES_URL) expect(p99Last).toBeLessThanOrEqual(3 * p99First)
    expect(end).toBeLessThanOrEqual(mid * (LONG ? 1.1 : 1.25))
  })

  it('the server keeps answering while an import runs', async () => {
    const csv = ['name', ...Array.from({ length: 20_000 }, (_, i) => `Pendant import ${i}`)].join('\n')
    const started = await users[0].client.request(
      'POST',
      '/api/v1/import/accounts.account?mode=create',
      csv,
      { 'content-type': 'text/csv' },
    )
    expect(started.status).toBe(202)
    const waits: number[] = []
    const until = Date.now() + 8_000
    while (Date.now() < until) {
      const t0 = performance.now()
      await fetch(`${server.url}/health`, { headers: { connection: 'close' } })
      waits.push(performance.now() - t0)
      await new Promise((r) => setTimeout(r, 250))
    }
    console.log(
      `load: during a 20,000-row import, /health answered in at most ${Math.max(...waits).toFixed(0)} ms`,
    )
    expect(Math.max(...waits)).toBeLessThanOrEqual(2_000)
  })
})
