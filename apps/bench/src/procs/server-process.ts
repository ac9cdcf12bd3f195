/**
 * The Comptoir server as users run it (`comptoir serve`, every installed plugin), in its own process on
 * a loopback port: started, timed until `/health` answers, sampled for memory, stopped.
 * @module
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { track } from './children'

export interface ServerProcess {
  base: string
  pid: number
  /** From spawn to the first `200` of `/health`, in seconds. */
  startSeconds: number
  /** Resident memory now, in MB. */
  rssMb(): number
  stop(): Promise<void>
}

export interface ServerEnv {
  /** PostgreSQL URL, or absent for the embedded database in `dataDir`. */
  databaseUrl?: string
  dataDir?: string
}

export function serverMain(): string {
  const require = createRequire(import.meta.url)
  return join(dirname(require.resolve('@comptoir/server/package.json')), 'dist', 'main.js')
}

/**
 * Node options for the server process from `BENCH_SERVER_NODE_ARGS` (`--cpu-prof --cpu-prof-dir=…` to
 * profile it during a measure: Node refuses them in `NODE_OPTIONS`).
 */
function serverNodeArgs(): string[] {
  return (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean)
}

export function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) / 1024 : Number.NaN
}

async function waitHealthy(
  base: string,
  child: ChildProcess,
  output: () => string,
  seconds: number,
): Promise<void> {
  const deadline = performance.now() + seconds * 1000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${output()}`)
    if (performance.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`/health did not answer in ${seconds} s:\n${output()}`)
    }
    try {
      const r = await fetch(`${base}/health`)
      if (r.status === 200) return
    } catch {}
    await new Promise((r) => setTimeout(r, 5))
  }
}

export async function startServer(env: ServerEnv, timeoutSeconds = 120): Promise<ServerProcess> {
  const t0 = performance.now()
  const child = track(
    spawn(process.execPath, [...serverNodeArgs(), serverMain(), 'serve'], {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        COMPTOIR_DEMO: '0',
        DATABASE_URL: env.databaseUrl ?? '',
        ...(env.dataDir ? { COMPTOIR_DATA_DIR: env.dataDir } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  )
  let output = ''
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`The server did not start in ${timeoutSeconds} s:\n${output}`))
    }, timeoutSeconds * 1000)
    const onData = (d: Buffer) => {
      output += d.toString()
      const m = /running on http:\/\/[^:]+:(\d+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve(`http://127.0.0.1:${m[1]}`)
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`The server exited (${code}) while starting:\n${output}`))
    })
  })
  child.removeAllListeners('exit')
  await waitHealthy(base, child, () => output, timeoutSeconds)
  const startSeconds = (performance.now() - t0) / 1000
  return {
    base,
    pid: child.pid!,
    startSeconds,
    rssMb: () => rssOf(child.pid!),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGINT')
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref()
      }),
  }
}
