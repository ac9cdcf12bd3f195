/**
 * Starts the floor server in its own process, like the Comptoir server, so both pay for their own
 * event loop and neither shares one with the load generator.
 * @module
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FloorSpec } from '../floor/floor-spec'
import { track } from './children'

export interface FloorProcess {
  base: string
  stop(): Promise<void>
}

/** The built entry next to this bundle, or the source through tsx when running from source (tests). */
function entry(): string[] {
  const here = dirname(fileURLToPath(import.meta.url))
  const built = join(here, 'floor-server.js')
  if (existsSync(built)) return [built]
  return ['--import', import.meta.resolve('tsx'), join(here, '..', 'floor', 'floor-server.ts')]
}

export async function startFloor(spec: FloorSpec): Promise<FloorProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-floor-'))
  const file = join(dir, 'spec.json')
  writeFileSync(file, JSON.stringify(spec))
  // The IPC channel closes when this process dies, however it dies: the floor server exits then.
  const child = track(
    spawn(process.execPath, [...entry(), file], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] }),
  )
  let output = ''
  const port = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString()
      const m = /floor listening on (\d+)/.exec(output)
      if (m) resolve(m[1])
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => reject(new Error(`The floor server exited (${code}):\n${output}`)))
  })
  child.removeAllListeners('exit')
  // The floor server has read its spec by the time it listens.
  rmSync(dir, { recursive: true, force: true })
  return {
    base: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGINT')
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref()
      }),
  }
}
