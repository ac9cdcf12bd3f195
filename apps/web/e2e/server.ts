/**
 * Starts the real built server on a free port with a fresh embedded database, for the browser suite.
 * @module
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const ADMIN_EMAIL = 'admin@demo.test'
export const ADMIN_PASSWORD = 'correct-horse-battery'

const repo = resolve(import.meta.dirname, '../../..')

export interface RunningServer {
  url: string
  stop(): Promise<void>
}

function freePort(): Promise<number> {
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
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${log()}`)
    try {
      const res = await fetch(`${url}/health`)
      if (res.ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`The server did not answer /health within 90 s:\n${log()}`)
}

export async function startServer(): Promise<RunningServer> {
  const main = join(repo, 'apps/server/dist/main.js')
  if (!existsSync(main)) throw new Error(`Build the server first: ${main} is missing`)
  if (!existsSync(join(repo, 'apps/web/dist/index.html')))
    throw new Error('Build the web app first (vite build)')
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-e2e-'))
  const port = await freePort()
  let output = ''
  const child = spawn(process.execPath, [main, 'serve', '--migrate'], {
    cwd: repo,
    env: {
      ...process.env,
      COMPTOIR_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      COMPTOIR_ADMIN_EMAIL: ADMIN_EMAIL,
      COMPTOIR_ADMIN_PASSWORD: ADMIN_PASSWORD,
      COMPTOIR_DEMO: '0',
      COMPTOIR_PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))
  const url = `http://127.0.0.1:${port}`
  try {
    await waitForHealth(url, child, () => output)
  } catch (e) {
    child.kill('SIGKILL')
    rmSync(dataDir, { recursive: true, force: true })
    throw e
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
        if (child.exitCode === null) child.kill('SIGKILL')
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
