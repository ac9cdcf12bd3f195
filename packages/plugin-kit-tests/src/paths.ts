/**
 * Where the guide and its examples live, and the link that lets the examples resolve their imports.
 * @module
 */
import { existsSync, lstatSync, symlinkSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..')
export const repoRoot = join(packageRoot, '../..')
export const guideDir = join(repoRoot, 'docs/plugins')
export const examplesDir = join(guideDir, 'examples')

/**
 * The examples are written as standalone plugin packages, so they import `@comptoir/core` and friends by
 * name. They are not workspace packages: `docs/plugins/examples/node_modules` (ignored by git) points at this
 * package's dependencies, which are theirs.
 */
export function linkExamples(): void {
  const link = join(examplesDir, 'node_modules')
  if (existsSync(link) || isDanglingLink(link)) return
  symlinkSync(relative(examplesDir, join(packageRoot, 'node_modules')), link, 'dir')
}

function isDanglingLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink()
  } catch {
    return false
  }
}
