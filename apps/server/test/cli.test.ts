import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  freshTarget,
  killChildren,
  login,
  runComptoir,
  type Running,
  startServer,
  stop,
  type Target,
} from './server-process'

const COMMANDS = [
  'serve',
  'migrate',
  'tenant:create',
  'user:create',
  'plugins:list',
  'backup',
  'restore',
  'plugin:new',
]

let t: Target
let env: Record<string, string>
beforeAll(async () => {
  t = await freshTarget()
  env = { ...t.env, COMPTOIR_DEMO: '0', COMPTOIR_ADMIN_PASSWORD: 'demo-password-1' }
})
afterAll(async () => {
  killChildren()
  await t?.drop()
})

/** Starts the server on the target, runs `fn` and stops the server. */
async function withServer(fn: (server: Running) => Promise<void>): Promise<void> {
  const server = await startServer(['serve', '--migrate'], env)
  try {
    await fn(server)
  } finally {
    expect(await stop(server)).toBe(0)
  }
}

describe('comptoir command line', () => {
  it.each(COMMANDS)('explains %s with --help', async (command) => {
    const r = await runComptoir([command, '--help'], env)
    expect(r.code).toBe(0)
    expect(r.output.startsWith(`comptoir ${command}`)).toBe(true)
  })

  it('lists every command with --help', async () => {
    const r = await runComptoir(['--help'], env)
    expect(r.code).toBe(0)
    for (const c of COMMANDS) expect(r.output).toContain(`comptoir ${c}`)
  })

  it.each([
    [['frobnicate'], 2, 'comptoir: unknown command "frobnicate". Commands: serve, migrate,'],
    [
      ['migrate', '--force'],
      2,
      'comptoir: unknown option --force for migrate. Run "comptoir migrate --help".',
    ],
    [['tenant:create', '--name', 'Acme'], 2, 'comptoir: missing --slug. Run the command with --help.'],
    [['restore'], 2, 'comptoir: missing --from. Run the command with --help.'],
  ])('refuses %j with one message', async (args, code, message) => {
    const r = await runComptoir(args, env)
    expect(r.code).toBe(code)
    expect(r.output.trim().split('\n')).toHaveLength(1)
    expect(r.output.trim().startsWith(message)).toBe(true)
  })

  it('migrates, then has nothing left to migrate', async () => {
    const first = await runComptoir(['migrate'], env)
    expect(first.code, first.output).toBe(0)
    expect(first.output).toContain('applied core/0000_extensions')
    expect(first.output).toContain('applied deals/')
    const again = await runComptoir(['migrate'], env)
    expect(again.code, again.output).toBe(0)
    expect(again.output.trim()).toBe('Nothing to migrate.')
  })

  it('lists the installed plugins', async () => {
    const r = await runComptoir(['plugins:list'], env)
    expect(r.code, r.output).toBe(0)
    const ids = r.output
      .trim()
      .split('\n')
      .map((l) => l.split(/\s+/)[0])
    // In dependency order: a plugin after those it needs.
    expect([...ids].sort()).toEqual(['accounts', 'contacts', 'deals', 'leads'])
    expect(ids[0]).toBe('accounts')
    expect(r.output).toMatch(/^contacts\s+\S+\s+core \S+\s+needs accounts /m)
  })

  it('creates a tenant and users who can sign in, and refuses bad ones with one message', async () => {
    const tenant = await runComptoir(
      [
        'tenant:create',
        '--name',
        'Boulangerie Martin',
        '--slug',
        'martin',
        '--admin-email',
        'patron@martin.fr',
        '--admin-password',
        'pain-de-campagne-1',
      ],
      env,
    )
    expect(tenant.code, tenant.output).toBe(0)
    expect(tenant.output).toMatch(/^Tenant martin created \(/)
    const user = await runComptoir(
      [
        'user:create',
        '--tenant',
        'martin',
        '--email',
        'vendeuse@martin.fr',
        '--password',
        'croissant-au-beurre-2',
        '--name',
        'Lucie Martin',
        '--role',
        'sales-rep',
      ],
      env,
    )
    expect(user.code, user.output).toBe(0)
    expect(user.output.trim()).toBe('User vendeuse@martin.fr created in martin.')

    const badRole = await runComptoir(
      [
        'user:create',
        '--tenant',
        'martin',
        '--email',
        'x@martin.fr',
        '--password',
        'croissant-au-beurre-2',
        '--role',
        'chef',
      ],
      env,
    )
    expect(badRole.code).toBe(1)
    expect(badRole.output.trim()).toBe('comptoir: No role "chef" in tenant martin')
    const taken = await runComptoir(
      [
        'tenant:create',
        '--name',
        'Autre',
        '--slug',
        'martin',
        '--admin-email',
        'a@b.fr',
        '--admin-password',
        'pain-de-campagne-1',
      ],
      env,
    )
    expect(taken.code).toBe(1)
    expect(taken.output.trim()).toBe('comptoir: The slug "martin" is already used')

    await withServer(async (server) => {
      expect((await login(server.url, 'patron@martin.fr', 'pain-de-campagne-1')).status).toBe(200)
      const rep = await login(server.url, 'vendeuse@martin.fr', 'croissant-au-beurre-2')
      expect(rep.status).toBe(200)
      expect(((await rep.json()) as { tenant: { slug: string } }).tenant.slug).toBe('martin')
      // Not created: the bad role rolled its user back.
      expect((await login(server.url, 'x@martin.fr', 'croissant-au-beurre-2')).status).toBe(401)
    })
  })

  it('backs up and restores: what was written after the backup is gone, what was before is back', async () => {
    const archive = join(t.dataDir, t.kind === 'pglite' ? 'backup.tar.gz' : 'backup.dump')
    const saved = await runComptoir(['backup', '--out', archive], env)
    expect(saved.code, saved.output).toBe(0)
    expect(saved.output.trim()).toBe(`Backup written to ${archive}`)
    expect(statSync(archive).size).toBeGreaterThan(1000)

    const later = await runComptoir(
      [
        'user:create',
        '--tenant',
        'martin',
        '--email',
        'apprenti@martin.fr',
        '--password',
        'baguette-tradition-3',
      ],
      env,
    )
    expect(later.code, later.output).toBe(0)

    const restored = await runComptoir(['restore', '--from', archive], env)
    expect(restored.code, restored.output).toBe(0)
    expect(restored.output).toMatch(
      t.kind === 'pglite' ? /^Restored into .*previous database kept in /m : /Restored\./,
    )

    await withServer(async (server) => {
      expect((await login(server.url, 'vendeuse@martin.fr', 'croissant-au-beurre-2')).status).toBe(200)
      expect((await login(server.url, 'apprenti@martin.fr', 'baguette-tradition-3')).status).toBe(401)
    })
  })

  it('refuses a restore from a file that is not a backup, leaving the data as it was', async () => {
    const junk = join(t.dataDir, 'junk.tar.gz')
    writeFileSync(junk, 'not a backup')
    const r = await runComptoir(['restore', '--from', junk], env)
    expect(r.code).toBe(1)
    await withServer(async (server) => {
      expect((await login(server.url, 'vendeuse@martin.fr', 'croissant-au-beurre-2')).status).toBe(200)
    })
  })
})

describe.skipIf(!!process.env.COMPTOIR_TEST_DATABASE_URL)('the embedded database lock', () => {
  it('refuses every command that opens the database while the server runs, naming the data directory', async () => {
    await withServer(async (server) => {
      const lock = readFileSync(join(t.dataDir, 'db.lock'), 'utf8')
      expect(Number(lock)).toBe(server.process.pid)
      for (const args of [
        ['migrate'],
        ['plugins:list'],
        ['backup', '--out', join(t.dataDir, 'refused.tar.gz')],
        ['restore', '--from', join(t.dataDir, 'backup.tar.gz')],
        [
          'tenant:create',
          '--name',
          'X',
          '--slug',
          'x',
          '--admin-email',
          'x@x.fr',
          '--admin-password',
          'pain-de-campagne-1',
        ],
        ['user:create', '--tenant', 'martin', '--email', 'y@martin.fr', '--password', 'pain-de-campagne-1'],
      ]) {
        const r = await runComptoir(args, env)
        expect(r.code, args[0]).toBe(1)
        expect(r.output.trim().split('\n'), args[0]).toHaveLength(1)
        expect(r.output, args[0]).toContain(
          `comptoir: The embedded database in ${join(t.dataDir, 'db')} is in use by process ${server.process.pid}`,
        )
      }
      expect(existsSync(join(t.dataDir, 'refused.tar.gz'))).toBe(false)
      // Still serving its data.
      expect((await login(server.url, 'vendeuse@martin.fr', 'croissant-au-beurre-2')).status).toBe(200)
    })
    expect(existsSync(join(t.dataDir, 'db.lock'))).toBe(false)
  })

  it('takes over a lock left by a process that no longer runs', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.pid']).pid!
    writeFileSync(join(t.dataDir, 'db.lock'), `${gone}\n`)
    const r = await runComptoir(['migrate'], env)
    expect(r.code).toBe(0)
    expect(r.output.trim()).toBe('Nothing to migrate.')
    expect(existsSync(join(t.dataDir, 'db.lock'))).toBe(false)
  })
})
