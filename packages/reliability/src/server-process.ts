/**
 * The built server (`node apps/server/dist/main.js serve --migrate`) as a child process of its own: its
 * own data directory (embedded database) or its own PostgreSQL database, its own port on 127.0.0.1. It
 * can be killed with any signal and started again on the same data, which is what crash tests need.
 * @module
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import postgres from 'postgres'

export const REPO = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
export const SERVER_MAIN = join(REPO, 'apps/server/dist/main.js')
export const ADMIN_EMAIL = 'admin@demo.test'
export const ADMIN_PASSWORD = 'reliability-admin-password'
export const PLATFORM_TOKEN = 'reliability-platform-token-0123456789'

export interface ServerProcess {
  url: string
  /** `postgres` when the server runs on PostgreSQL, else `pglite`. */
  kind: 'pglite' | 'postgres'
  /** The server's own database, for checks made behind its back. */
  databaseUrl?: string
  /** Its data directory (the embedded database lives in `db/` there). */
  dataDir: string
  /** The current child, for signals and memory readings. */
  child(): ChildProcess
  /** Everything the server printed. */
  log(): string
  /** Starts the server (again, on the same data). */
  start(): Promise<void>
  kill(signal?: NodeJS.Signals): Promise<void>
  /** Stops the server and removes its data. */
  dispose(): Promise<void>
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      srv.close(() =>
        typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port')),
      )
    })
  })
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The server exited:\n${log()}`)
    try {
      if ((await fetch(`${url}/health`)).ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`The server did not answer /health within 120 s:\n${log()}`)
}

export interface ServerOptions {
  /** PostgreSQL server to create the server's own database on (`COMPTOIR_TEST_DATABASE_URL`). */
  postgresUrl?: string
  env?: Record<string, string>
}

export async function createServerProcess(o: ServerOptions = {}): Promise<ServerProcess> {
  if (!existsSync(SERVER_MAIN)) throw new Error(`Build the server first: ${SERVER_MAIN} is missing`)
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-reliability-'))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  let databaseUrl: string | undefined
  let dbName: string | undefined
  if (o.postgresUrl) {
    dbName = `comptoir_test_rel_${randomBytes(6).toString('hex')}`
    const admin = postgres(o.postgresUrl, { max: 1, onnotice: () => {} })
    await admin.unsafe(`CREATE DATABASE ${dbName}`)
    await admin.end()
    const u = new URL(o.postgresUrl)
    u.pathname = `/${dbName}`
    databaseUrl = u.toString()
  }
  let output = ''
  let child: ChildProcess | undefined
  const self: ServerProcess = {
    url,
    kind: databaseUrl ? 'postgres' : 'pglite',
    databaseUrl,
    dataDir,
    child: () => child!,
    log: () => output,
    async start() {
      child = spawn(process.execPath, [SERVER_MAIN, 'serve', '--migrate'], {
        cwd: REPO,
        env: {
          ...process.env,
          COMPTOIR_DATA_DIR: dataDir,
          PORT: String(port),
          HOST: '127.0.0.1',
          COMPTOIR_ADMIN_EMAIL: ADMIN_EMAIL,
          COMPTOIR_ADMIN_PASSWORD: ADMIN_PASSWORD,
          COMPTOIR_DEMO: '0',
          COMPTOIR_PLATFORM_TOKEN: PLATFORM_TOKEN,
          COMPTOIR_PUBLIC_URL: url,
          DATABASE_URL: databaseUrl ?? '',
          ...o.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      child.stdout?.on('data', (d) => {
        output += d
      })
      child.stderr?.on('data', (d) => {
        output += d
      })
      await waitForHealth(url, child, () => output)
    },
    async kill(signal = 'SIGKILL') {
      const c = child
      if (!c || c.exitCode !== null || c.signalCode !== null) return
      const exited = new Promise((r) => c.once('exit', r))
      c.kill(signal)
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))])
      if (c.exitCode === null && c.signalCode === null) {
        c.kill('SIGKILL')
        await exited
      }
    },
    async dispose() {
      await self.kill('SIGTERM')
      rmSync(dataDir, { recursive: true, force: true })
      if (dbName && o.postgresUrl) {
        const admin = postgres(o.postgresUrl, { max: 1, onnotice: () => {} })
        await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
        await admin.end()
      }
    },
  }
  return self
}
