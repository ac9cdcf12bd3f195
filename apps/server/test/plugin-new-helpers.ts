/**
 * What the scaffolder tests share: the pinned pnpm (the one on PATH when it is the right version, otherwise
 * fetched through npx) and the repository's paths.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repo = fileURLToPath(new URL('../../..', import.meta.url))
export const main = join(repo, 'apps/server/dist/main.js')
const PNPM_VERSION = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).packageManager.split('@')[1]
const pnpmOnPath = spawnSync('pnpm', ['--version'], { encoding: 'utf8' }).stdout?.trim() === PNPM_VERSION

/** Runs pnpm in `cwd` and returns its output; throws with the output when it fails. */
export function pnpm(args: string[], cwd: string): string {
  const [cmd, pre] = pnpmOnPath ? ['pnpm', []] : ['npx', ['--yes', `pnpm@${PNPM_VERSION}`]]
  const r = spawnSync(cmd, [...pre, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' },
  })
  const output = `${r.stdout}${r.stderr}`
  if (r.status !== 0) throw new Error(`pnpm ${args.join(' ')} failed (${r.status}):\n${output}`)
  return output
}
