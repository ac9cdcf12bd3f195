// Helpers shared by the root scripts. Node built-ins only: these run before dependencies exist.
import { spawnSync, spawn } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..')
export const PNPM_VERSION = '12.4.2'

process.env.TURBO_TELEMETRY_DISABLED = '1'
process.env.DO_NOT_TRACK = '1'

let pnpmCommand
/** The pinned pnpm: the one on PATH when it is the right version, otherwise fetched once through npx. */
export function pnpmCmd() {
  if (pnpmCommand) return pnpmCommand
  const onPath = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' })
  if (onPath.status === 0 && onPath.stdout.trim() === PNPM_VERSION) pnpmCommand = ['pnpm']
  else pnpmCommand = ['npx', '--yes', `pnpm@${PNPM_VERSION}`]
  return pnpmCommand
}

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, {
    stdio: 'inherit',
    cwd: root,
    shell: process.platform === 'win32',
    ...opts,
  })
  if (r.error) throw r.error
  return r.status ?? 1
}

export function pnpm(args, opts) {
  const [cmd, ...pre] = pnpmCmd()
  return run(cmd, [...pre, ...args], opts)
}

export function mustPnpm(args, opts) {
  const status = pnpm(args, opts)
  if (status !== 0) process.exit(status)
}

/** Installs dependencies when node_modules is missing or older than the lockfile. */
export function ensureInstalled() {
  const marker = join(root, 'node_modules', '.modules.yaml')
  const lock = join(root, 'pnpm-lock.yaml')
  const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs)
  if (!stale) return
  console.log('Installing dependencies (pnpm ' + PNPM_VERSION + ')…')
  mustPnpm(['install', ...(existsSync(lock) ? ['--frozen-lockfile'] : [])])
}

export function ensureBuilt() {
  mustPnpm(['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'])
}

export function spawnInherit(cmd, args, opts = {}) {
  return spawn(cmd, args, { stdio: 'inherit', cwd: root, ...opts })
}
