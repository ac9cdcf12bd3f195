import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url))
const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-serve-'))
let child: ChildProcess | undefined

function start(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ url: string; output: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [main, ...args], {
      env: {
        ...process.env,
        PORT: '0',
        COMPTOIR_DATA_DIR: dataDir,
        COMPTOIR_ADMIN_PASSWORD: 'demo-password-1',
        ...env,
      },
    })
    child = p
    let output = ''
    const onData = (d: Buffer) => {
      output += d.toString()
      const m = /running on (http:\/\/\S+) /.exec(output)
      if (m && output.includes('Ctrl-C')) resolve({ url: m[1], output, child: p })
    }
    p.stdout.on('data', onData)
    p.stderr.on('data', onData)
    p.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)))
  })
}

function stop(p: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    p.removeAllListeners('exit')
    p.on('exit', (code) => resolve(code))
    p.kill('SIGINT')
  })
}

afterAll(() => {
  child?.kill('SIGKILL')
})

describe('comptoir serve', () => {
  it('migrates, creates the demo workspace once, serves, stops cleanly and restarts on the same data', async () => {
    const first = await start(['serve', '--migrate'])
    expect(first.output).toContain('Demo workspace "demo": sign in as admin@demo.comptoir.local')
    const health = await fetch(`${first.url}/health`)
    expect(await health.json()).toMatchObject({ status: 'ok' })
    const login = await fetch(`${first.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.comptoir.local', password: 'demo-password-1' }),
    })
    expect(login.status).toBe(200)
    expect(((await login.json()) as { tenant: { slug: string } }).tenant.slug).toBe('demo')
    expect(await stop(first.child)).toBe(0)

    const second = await start(['serve'])
    expect(second.output).not.toContain('Applied')
    const again = await fetch(`${second.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.comptoir.local', password: 'demo-password-1' }),
    })
    expect(again.status).toBe(200)
    expect(await stop(second.child)).toBe(0)
  })

  it('stops with one clear message on invalid configuration', async () => {
    await expect(start(['serve'], { PORT: 'eighty' })).rejects.toThrow(
      /Invalid PORT: "eighty" is not a port number/,
    )
  })
})
