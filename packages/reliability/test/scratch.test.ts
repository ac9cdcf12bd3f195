import { afterAll, beforeAll, it } from 'vitest'
import { ADMIN_EMAIL, ADMIN_PASSWORD, createServerProcess, type ServerProcess } from '../src/server-process'
import { signIn } from '../src/session-client'
let server: ServerProcess
beforeAll(async () => { server = await createServerProcess({ postgresUrl: process.env.COMPTOIR_TEST_DATABASE_URL }); await server.start() })
afterAll(() => server?.dispose())
it('x', async () => {
  const api = await signIn(fetch, server.url, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD })
  const csv = ['name', ...Array.from({ length: 40000 }, (_, i) => `Import ${i}`)].join('\n')
  const r = await api.request('POST', '/api/v1/import/accounts.account?mode=create', csv, { 'content-type': 'text/csv' })
  console.log(r.status, JSON.stringify(r.body).slice(0, 200))
  const t0 = Date.now()
  let worstHealth = 0
  let worstApi = 0
  for (let i = 0; i < 400; i++) {
    const a = Date.now()
    await fetch(`${server.url}/health`, { headers: { connection: 'close' } })
    const b = Date.now()
    const s = await fetch(`${server.url}/api/v1/import/jobs/${r.body.id}`, { headers: { connection: 'close', cookie: `comptoir_session=${api.cookie}` } }).then((x) => x.json())
    const c = Date.now()
    worstHealth = Math.max(worstHealth, b - a)
    worstApi = Math.max(worstApi, c - b)
    if (i % 10 === 0 || b - a > 1000 || c - b > 1000) console.log(c - t0, 'health', b - a, 'ms, status', c - b, 'ms', s.status, s.done)
    if (s.status === 'done') break
    await new Promise((res) => setTimeout(res, 100))
  }
  console.log('worst health', worstHealth, 'worst api', worstApi, 'total', Date.now() - t0)
  console.log(server.log().slice(-3000))
})
