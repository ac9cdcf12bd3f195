import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { lockDataDir } from './pglite'

const dir = () => join(mkdtempSync(join(tmpdir(), 'comptoir-lock-')), 'db')

describe('the embedded database lock', () => {
  it('holds the pid while open, refuses a second opening and goes away on release', () => {
    const d = dir()
    const release = lockDataDir(d)
    expect(readFileSync(`${d}.lock`, 'utf8').trim()).toBe(String(process.pid))
    expect(() => lockDataDir(d)).toThrow(`The embedded database in ${d} is already open in this process`)
    release()
    expect(existsSync(`${d}.lock`)).toBe(false)
    lockDataDir(d)()
  })

  it('refuses while another running process holds it, naming the directory and the process', async () => {
    const d = dir()
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'])
    try {
      writeFileSync(`${d}.lock`, `${other.pid}\n`)
      expect(() => lockDataDir(d)).toThrow(
        `The embedded database in ${d} is in use by process ${other.pid} (a running Comptoir server?). Stop it first. If no such process runs, delete ${d}.lock.`,
      )
      expect(readFileSync(`${d}.lock`, 'utf8').trim()).toBe(String(other.pid))
    } finally {
      other.kill('SIGKILL')
    }
  })

  it.each([
    ['a process that has ended', () => spawnSync(process.execPath, ['-e', '0']).pid],
    ['this very pid from an earlier life (a restarted container)', () => process.pid],
    ['garbage', () => 'not a pid'],
  ])('takes over a lock left by %s', (_, pid) => {
    const d = dir()
    writeFileSync(`${d}.lock`, `${pid()}\n`)
    const release = lockDataDir(d)
    expect(readFileSync(`${d}.lock`, 'utf8').trim()).toBe(String(process.pid))
    release()
  })
})
