import { afterAll, describe, expect, it } from 'vitest'
import {
  demoCounts,
  freshTarget,
  killChildren,
  login,
  spawnComptoir,
  startServer,
  stop,
  type Target,
} from './server-process'

const ADMIN = 'admin@demo.comptoir.local'
const targets: Target[] = []
async function target(): Promise<Target> {
  const t = await freshTarget()
  targets.push(t)
  return t
}

afterAll(async () => {
  killChildren()
  for (const t of targets) await t.drop()
})

describe('comptoir serve', () => {
  it('survives Ctrl-C during the first run, then creates the whole demo once, prints the generated password once and serves', async () => {
    const t = await target()
    const env = { ...t.env, COMPTOIR_ADMIN_PASSWORD: '' }

    // Ctrl-C while the demo data is being written: a clean stop, nothing half-written.
    const first = spawnComptoir(['serve', '--migrate'], env)
    await first.waitFor(/Creating the demo workspace "demo" and its demo data/)
    expect(await stop(first)).toBe(0)
    expect(first.output()).toContain('SIGINT: stopping')
    expect(first.output()).toContain('Stopped.')
    expect(first.output()).not.toContain('running on')
    expect((await demoCounts(t)).tenants).toBe(0)

    // The next start makes the demo workspace whole.
    const second = await startServer(['serve', '--migrate'], env)
    const shown = /sign in as admin@demo\.comptoir\.local with the password (\S+) \(shown once/.exec(
      second.output(),
    )
    expect(shown).not.toBeNull()
    const password = shown![1]
    expect(await (await fetch(`${second.url}/health`)).json()).toMatchObject({ status: 'ok' })
    const res = await login(second.url, ADMIN, password)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { tenant: { slug: string } }).tenant.slug).toBe('demo')
    expect(await stop(second)).toBe(0)

    const seeded = await demoCounts(t)
    expect(seeded).toMatchObject({ tenants: 1, users: 5, teams: 2, leads: 80 })
    expect(seeded.accounts).toBeGreaterThanOrEqual(50)
    expect(seeded.accounts).toBeLessThan(70)
    expect(seeded.contacts).toBeGreaterThanOrEqual(150)
    expect(seeded.contacts).toBeLessThan(170)
    expect(seeded.deals).toBeGreaterThanOrEqual(40)
    expect(seeded.deals).toBeLessThan(50)
    expect(seeded.roles).toEqual(['read-only', 'sales-manager', 'sales-rep'])

    // A restart reuses the data: no migration, no new demo data, no password shown again.
    const third = await startServer(['serve', '--migrate'], env)
    expect(third.output()).not.toContain('Applied')
    expect(third.output()).not.toContain('Creating the demo workspace')
    expect(third.output()).not.toContain(password)
    expect(third.output()).not.toContain('shown once')
    expect((await login(third.url, ADMIN, password)).status).toBe(200)
    expect(await stop(third, 'SIGTERM')).toBe(0)
    expect(await demoCounts(t)).toEqual(seeded)
  })

  it('creates the demo workspace without demo data when COMPTOIR_DEMO=0', async () => {
    const t = await target()
    const server = await startServer(['serve', '--migrate'], {
      ...t.env,
      COMPTOIR_DEMO: '0',
      COMPTOIR_ADMIN_PASSWORD: 'demo-password-1',
    })
    expect(server.output()).toContain(`sign in as ${ADMIN} with COMPTOIR_ADMIN_PASSWORD`)
    expect((await login(server.url, ADMIN, 'demo-password-1')).status).toBe(200)
    expect(await stop(server)).toBe(0)
    expect(await demoCounts(t)).toEqual({
      tenants: 1,
      accounts: 0,
      contacts: 0,
      leads: 0,
      deals: 0,
      users: 1,
      teams: 0,
      roles: [],
    })
  })

  it('refuses to serve with pending migrations unless started to migrate', async () => {
    const t = await target()
    const server = spawnComptoir(['serve'], t.env)
    expect(await server.exited).toBe(1)
    expect(server.output().trim()).toMatch(
      /^comptoir: \d+ migration\(s\) pending \(core\/0000_extensions, .*\)\. Run "npm run comptoir -- migrate" or start with --migrate\.$/,
    )
  })

  it.each([
    ['PORT', 'abc', 'Invalid PORT: "abc" is not a port number (0–65535)'],
    ['COMPTOIR_PLATFORM_TOKEN', 'short-token', 'Invalid COMPTOIR_PLATFORM_TOKEN: at least 24 characters'],
    ['COMPTOIR_DEMO', 'yes', 'Invalid COMPTOIR_DEMO: use 1 (demo data) or 0 (none)'],
  ])('stops with one message naming %s when it is invalid', async (name, value, message) => {
    const t = await target()
    const server = spawnComptoir(['serve', '--migrate'], { ...t.env, [name]: value })
    expect(await server.exited).toBe(1)
    expect(server.output().trim()).toBe(`comptoir: ${message}`)
  })
})
