/**
 * A real PostgreSQL restart under load: the server runs on a private cluster, which is stopped (every
 * connection closes, new ones are refused for two seconds) and started again while eight users read,
 * create accounts and convert leads. The server must reconnect by itself, requests in flight or sent
 * during the outage must fail as problem documents, every acknowledged write must be there, and every
 * conversion must be whole or absent. Opt-in (`COMPTOIR_PG_RESTART=1`) and part of the long form: it
 * needs the PostgreSQL server binaries and runs a cluster of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LONG } from '../src/budget'
import { createPrivateCluster, type PrivateCluster, postgresBin } from '../src/private-cluster'
import { ADMIN_EMAIL, ADMIN_PASSWORD, createServerProcess, type ServerProcess } from '../src/server-process'
import { type SessionClient, signIn } from '../src/session-client'

const ENABLED = (LONG || process.env.COMPTOIR_PG_RESTART === '1') && !!postgresBin()
let cluster: PrivateCluster
let server: ServerProcess
let api: SessionClient

beforeAll(async () => {
  if (!ENABLED) return
  cluster = await createPrivateCluster()
  server = await createServerProcess({ postgresUrl: cluster.url })
  await server.start()
  api = await signIn(fetch, server.url, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD })
})
afterAll(async () => {
  await server?.kill('SIGKILL')
  cluster?.dispose()
  await server?.dispose().catch(() => {})
})

const total = async (path: string) =>
  (await api.request('GET', `${path}&count=true&limit=1`)).body.total as number

describe.skipIf(!ENABLED)('PostgreSQL stopped and started under load', () => {
  it('the server reconnects by itself, requests fail cleanly during the outage, nothing is half-written', async () => {
    const stage = (await api.request('GET', '/api/v1/records/deals.stage?limit=1')).body.data[0].id
    const acknowledged: string[] = []
    const leads: string[] = []
    const answers = { ok: 0, failed: 0, malformed: [] as string[], network: [] as string[] }
    const judge = (r: { status: number; body: any }) => {
      if (r.status < 400) answers.ok++
      else if (r.status >= 500 && r.body?.status === r.status && typeof r.body?.type === 'string')
        answers.failed++
      else answers.malformed.push(`${r.status} ${JSON.stringify(r.body).slice(0, 120)}`)
    }
    let stop = false
    const worker = async (n: number) => {
      for (let i = 0; !stop; i++) {
        try {
          if (i % 3 === 0) {
            const r = await api.request('GET', '/api/v1/records/accounts.account?limit=20')
            judge(r)
          } else if (i % 3 === 1) {
            const r = await api.request('POST', '/api/v1/records/accounts.account', {
              name: `Arrêt ${n}-${i}`,
            })
            judge(r)
            if (r.status === 201) acknowledged.push(r.body.id)
          } else {
            const company = `Arrêt conv ${n}-${i}`
            const lead = await api.request('POST', '/api/v1/records/leads.lead', {
              lastName: company,
              company,
            })
            judge(lead)
            if (lead.status !== 201) continue
            leads.push(lead.body.id)
            judge(
              await api.request('POST', `/api/v1/records/leads.lead/${lead.body.id}/actions/convert`, {
                deal: { name: company, stage },
              }),
            )
          }
        } catch (e) {
          answers.network.push((e as Error).message)
        }
        if (answers.failed > 0 && i % 20 === 0) await new Promise((r) => setTimeout(r, 50))
      }
    }
    const running = Promise.all(Array.from({ length: 8 }, (_, n) => worker(n)))
    await new Promise((r) => setTimeout(r, 2_000))
    const before = answers.ok
    cluster.stop()
    await new Promise((r) => setTimeout(r, 2_000))
    cluster.start()
    // The server finds the database again without being told.
    let back = false
    for (let i = 0; i < 150 && !back; i++) {
      back = (await api.request('GET', '/api/v1/records/accounts.account?limit=1')).status === 200
      if (!back) await new Promise((r) => setTimeout(r, 200))
    }
    await new Promise((r) => setTimeout(r, 2_000))
    stop = true
    await running
    expect(server.child().exitCode, server.log().slice(-2000)).toBeNull()
    expect(back, 'the server reconnected').toBe(true)
    expect(answers.network, 'every request got an answer').toEqual([])
    expect(answers.malformed, 'failures are problem documents').toEqual([])
    expect(answers.failed, 'requests met the outage').toBeGreaterThan(0)
    expect(answers.ok).toBeGreaterThan(before)
    for (const id of acknowledged)
      expect((await api.request('GET', `/api/v1/records/accounts.account/${id}`)).status, id).toBe(200)
    let whole = 0
    for (const id of leads) {
      const lead = (await api.request('GET', `/api/v1/records/leads.lead/${id}`)).body
      const name = encodeURIComponent(lead.company)
      const found = [
        await total(`/api/v1/records/accounts.account?filter[name][eq]=${name}`),
        await total(`/api/v1/records/deals.deal?filter[name][eq]=${name}`),
      ]
      if (lead.status === 'converted') {
        whole++
        expect(found, lead.company).toEqual([1, 1])
      } else expect(found, lead.company).toEqual([0, 0])
    }
    console.log(
      `postgres cluster restart: ${answers.ok} answers, ${answers.failed} clean 5xx during the outage, ${acknowledged.length} creations found, ${leads.length} conversions (${whole} whole, ${leads.length - whole} absent)`,
    )
  })
})
