/**
 * The repository root (where `pnpm-workspace.yaml` is), found from this file whether it runs from source
 * or from `dist/`.
 * @module
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir
    dir = dirname(dir)
  }
  throw new Error('Cannot find the repository root (pnpm-workspace.yaml)')
}
