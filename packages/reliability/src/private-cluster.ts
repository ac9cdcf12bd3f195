/**
 * A PostgreSQL cluster of its own (initdb on a temporary directory, its own port on 127.0.0.1), which a
 * test may stop and start at will without disturbing the shared server other suites use. Run as the
 * `postgres` user when the tests run as root (initdb refuses root).
 * @module
 */
import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './server-process'

export interface PrivateCluster {
  url: string
  stop(): void
  start(): void
  dispose(): void
}

/** The newest installed server binaries (`/usr/lib/postgresql/<version>/bin`), if any. */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return versions.length ? join(root, versions[0], 'bin') : undefined
}

export async function createPrivateCluster(): Promise<PrivateCluster> {
  const bin = postgresBin()
  if (!bin) throw new Error('No PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql')
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-cluster-'))
  const data = join(dir, 'data')
  const root = process.getuid?.() === 0
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString())
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString())
    chownSync(dir, uid, gid)
  }
  const run = (cmd: string, args: string[]) =>
    execFileSync(
      root ? 'runuser' : join(bin, cmd),
      root ? ['-u', 'postgres', '--', join(bin, cmd), ...args] : args,
      {
        stdio: 'pipe',
      },
    )
  const port = await freePort()
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'])
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off`
  const self: PrivateCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: () => {
      run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start'])
    },
    stop: () => {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
    },
    dispose: () => {
      try {
        self.stop()
      } catch {
        // Already stopped.
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
  self.start()
  return self
}
