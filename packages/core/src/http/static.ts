/**
 * Serves the built web app: hashed assets with a long cache, everything else falls back to index.html so
 * deep links work on reload. The CSP applies to every HTML response.
 * @module
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './env'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
}

export function serveWeb(root: string): MiddlewareHandler<AppEnv> {
  const index = join(root, 'index.html')
  return async function serveWeb(c, next) {
    const path = decodeURIComponent(new URL(c.req.url).pathname)
    if (path.startsWith('/api/') || path === '/health' || (c.req.method !== 'GET' && c.req.method !== 'HEAD'))
      return next()
    const file = normalize(join(root, path))
    if (file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile()) {
      const body = readFileSync(file)
      const immutable = path.startsWith('/assets/')
      return c.body(body, 200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      })
    }
    if (!existsSync(index)) return next()
    return c.body(readFileSync(index), 200, { 'content-type': TYPES['.html'], 'cache-control': 'no-cache' })
  }
}
