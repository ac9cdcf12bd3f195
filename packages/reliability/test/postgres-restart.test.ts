import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { POSTGRES_URL } from '../src/budget'
import { ADMIN_EMAIL, ADMIN_PASSWORD, createServerProcess, type ServerProcess } from '../src/server-process'
import { type SessionClient, signIn } from '../src/session-client'

let server: ServerProcess
let api: SessionClient

beforeAll(async () => {
  if (!POSTGRES_URL) return
  server = await createServerProcess({ postgresUrl: POSTGRES_URL })
  await server.start()
  api = await signIn(fetch, server.url, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD })
})
afterAll(() => server?.dispose())

/**
 * Restarting the whole PostgreSQL cluster would disturb every other database on it (other suites run on the
 * same server in CI), so the restart is played by terminating every backend of the server's database: to the
 * server it looks the same — every pooled connection dies at once, in the middle of whatever it was doing.
 */
async function terminateBackends(url: string): Promise<number> {
  const sql = postgres(POSTGRES_URL!, { max: 1, onnotice: () => {} })
  const db = new URL(url).pathname.slice(1)
  const rows =
    await sql`SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE datname = ${db} AND pid <> pg_backend_pid()`
  await sql.end()
  return rows.length
}

describe.skipIf(!POSTGRES_URL)('PostgreSQL connections killed under load', () => {
  it('the server reconnects by itself, in-flight requests fail cleanly, nothing is half-written', async () => {
    const stage = (await api.request('GET', '/api/v1/records/deals.stage?limit=1')).body.data[0].id
    const acknowledged: { ref: string; id: string }[] = []
    const leads: string[] = []
    const failures: { status: number; problem: boolean }[] = []
    const network: string[] = []
    let stop = false
    const worker = async (n: number) => {
      for (let i = 0; !stop; i++) {
        try {
          if (i % 3 === 0) {
            const lead = await api.request('POST', '/api/v1/records/leads.lead', {
              lastName: `Coupure ${n}-${i}`,
              company: `Coupure ${n}-${i}`,
            })
            if (lead.status === 201) {
              leads.push(lead.body.id)
              const conv = await api.request(
                'POST',
                `/api/v1/records/leads.lead/${lead.body.id}/actions/convert`,
                { deal: { name: `Coupure ${n}-${i}`, stage } },
              )
              if (conv.status >= 500)
                failures.push({ status: conv.status, problem: conv.body?.status === conv.status })
            } else if (lead.status >= 500)
              failures.push({ status: lead.status, problem: lead.body?.status === lead.status })
          } else {
            const r = await api.request('POST', '/api/v1/records/accounts.account', {
              name: `Coupure ${n}-${i}`,
            })
            if (r.status === 201) acknowledged.push({ ref: 'accounts.account', id: r.body.id })
            else if (r.status >= 500)
              failures.push({ status: r.status, problem: r.body?.status === r.status })
            else throw new Error(`unexpected ${r.status}`)
          }
        } catch (e) {
          network.push((e as Error).message)
        }
      }
    }
    const running = Promise.all(Array.from({ length: 8 }, (_, n) => worker(n)))
    let killed = 0
    for (let round = 0; round < 3; round++) {
      await new Promise((r) => setTimeout(r, 1500))
      killed += await terminateBackends(server.databaseUrl!)
    }
    await new Promise((r) => setTimeout(r, 1500))
    stop = true
    await running
    if (server.child().exitCode !== null || server.child().signalCode !== null)
      throw new Error(`The server died:\n${server.log().slice(-2500)}`)
    let recovered = false
    for (let i = 0; i < 50 && !recovered; i++) {
      recovered = (await api.request('GET', '/api/v1/records/accounts.account?limit=1')).status === 200
      if (!recovered) await new Promise((r) => setTimeout(r, 200))
    }
    expect(recovered).toBe(true)
    expect(server.child().exitCode).toBeNull()
    expect(network).toEqual([])
    expect(failures.every((f) => f.problem && f.status >= 500 && f.status < 600)).toBe(true)
    for (const a of acknowledged)
      expect((await api.request('GET', `/api/v1/records/${a.ref}/${a.id}`)).status).toBe(200)
    let whole = 0
    for (const id of leads) {
      const lead = (await api.request('GET', `/api/v1/records/leads.lead/${id}`)).body
      const deals = (
        await api.request(
          'GET',
          `/api/v1/records/deals.deal?filter[name][eq]=${encodeURIComponent(lead.company)}&count=true`,
        )
      ).body.total
      const accounts = (
        await api.request(
          'GET',
          `/api/v1/records/accounts.account?filter[name][eq]=${encodeURIComponent(lead.company)}&count=true`,
        )
      ).body.total
      if (lead.status === 'converted') {
        whole++
        expect([accounts, deals]).toEqual([1, 1])
      } else expect([accounts, deals]).toEqual([0, 0])
    }
    console.log(
      `postgres restart: ${killed} backends terminated in 3 rounds, ${acknowledged.length} creations acknowledged and found, ${leads.length} conversions (${whole} whole, ${leads.length - whole} absent), ${failures.length} clean 5xx during the cuts`,
    )
    expect(killed).toBeGreaterThan(0)
  })
})
