/**
 * The built `comptoir` command run as a child process, on a fresh embedded data directory or, with
 * COMPTOIR_TEST_DATABASE_URL, on a fresh PostgreSQL database of that server.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createPgliteDatabase, createPostgresDatabase, type Database } from '@comptoir/core/server'

export const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url))
const children = new Set<ChildProcess>()

/** Where a server keeps its data: `env` points the command at it, `open` reads it once the server stopped. */
export interface Target {
  kind: 'pglite' | 'postgres'
  dataDir: string
  env: Record<string, string>
  open(): Promise<Database>
  drop(): Promise<void>
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

export async function freshTarget(): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-server-'))
  const removeDir = async () => rmSync(dataDir, { recursive: true, force: true })
  const server = process.env.COMPTOIR_TEST_DATABASE_URL
  if (!server)
    return {
      kind: 'pglite',
      dataDir,
      env: { COMPTOIR_DATA_DIR: dataDir },
      open: () => createPgliteDatabase({ dataDir: join(dataDir, 'db') }),
      drop: removeDir,
    }
  const name = `${process.env.COMPTOIR_TEST_DB_PREFIX ?? ''}comptoir_test_srv_${randomBytes(6).toString('hex')}`
  const admin = createPostgresDatabase({ url: server, max: 1 })
  await admin.exec(`CREATE DATABASE ${name}`)
  await admin.close()
  const url = withDatabase(server, name)
  return {
    kind: 'postgres',
    dataDir,
    env: { COMPTOIR_DATA_DIR: dataDir, DATABASE_URL: url },
    open: async () => createPostgresDatabase({ url, max: 1 }),
    drop: async () => {
      const a = createPostgresDatabase({ url: server, max: 1 })
      await a.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await a.close()
      await removeDir()
    },
  }
}

export interface Child {
  process: ChildProcess
  output(): string
  /** Resolves with the output once it matches `pattern`; rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>
  /** Resolves with the exit code. */
  exited: Promise<number | null>
}

export function spawnComptoir(args: string[], env: Record<string, string>): Child {
  const p = spawn(process.execPath, [MAIN, ...args], {
    env: { ...process.env, PORT: '0', ...env },
  })
  children.add(p)
  let output = ''
  let closed = false
  const waiters = new Set<() => void>()
  const onData = (d: Buffer) => {
    output += d.toString()
    for (const w of waiters) w()
  }
  p.stdout.on('data', onData)
  p.stderr.on('data', onData)
  const exited = new Promise<number | null>((resolve) =>
    // 'close' comes after the last output, unlike 'exit'.
    p.on('close', (code) => {
      closed = true
      children.delete(p)
      resolve(code)
      for (const w of waiters) w()
    }),
  )
  return {
    process: p,
    output: () => output,
    exited,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(output)
          if (m) {
            waiters.delete(check)
            resolve(m)
          } else if (closed) {
            waiters.delete(check)
            reject(new Error(`exited ${p.exitCode ?? p.signalCode} before ${pattern}: ${output}`))
          }
        }
        waiters.add(check)
        check()
      }),
  }
}

export interface Running extends Child {
  url: string
}

/** Starts `comptoir serve` and waits until it says it is ready. */
export async function startServer(args: string[], env: Record<string, string>): Promise<Running> {
  const child = spawnComptoir(args, env)
  const m = await child.waitFor(/running on (http:\/\/\S+) [\s\S]*Ctrl-C/)
  return { ...child, url: m[1] }
}

export async function stop(child: Child, signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
  child.process.kill(signal)
  return child.exited
}

/** Runs a command to its end. */
export async function runComptoir(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = spawnComptoir(args, env)
  const code = await child.exited
  return { code, output: child.output() }
}

/** Kills what is still running (a failed test). */
export function killChildren(): void {
  for (const c of children) c.kill('SIGKILL')
}

export async function login(url: string, email: string, password: string): Promise<Response> {
  return fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
}

export interface DemoCounts {
  tenants: number
  accounts: number
  contacts: number
  leads: number
  deals: number
  users: number
  teams: number
  roles: string[]
}

/** What the demo tenant holds, read straight from the database (the server being stopped). */
export async function demoCounts(target: Target): Promise<DemoCounts> {
  const db = await target.open()
  try {
    const count = async (sql: string) => (await db.read<{ n: number }>(sql))[0].n
    const inDemo = (table: string) =>
      count(
        `SELECT count(*)::int AS n FROM "${table}" WHERE tenant_id IN (SELECT id FROM core_tenant WHERE slug = 'demo')`,
      )
    const roles = await db.read<{ template: string }>(
      `SELECT DISTINCT r.template FROM core_user_role ur JOIN core_role r ON r.id = ur.role_id
       JOIN core_tenant t ON t.id = r.tenant_id WHERE t.slug = 'demo' ORDER BY 1`,
    )
    return {
      tenants: await count("SELECT count(*)::int AS n FROM core_tenant WHERE slug = 'demo'"),
      accounts: await inDemo('accounts_account'),
      contacts: await inDemo('contacts_contact'),
      leads: await inDemo('leads_lead'),
      deals: await inDemo('deals_deal'),
      users: await inDemo('core_user'),
      teams: await inDemo('core_team'),
      roles: roles.map((r) => r.template),
    }
  } finally {
    await db.close()
  }
}
