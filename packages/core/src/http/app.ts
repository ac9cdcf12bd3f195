/**
 * `createApp`: the Hono application — health, auth, platform API, generic record routes, search, trash,
 * bootstrap, admin, every plugin's routes, and the web app — with problem documents for every error.
 * @module
 */
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { ComptoirError, ContextChangedError, isComptoirError } from '../errors'
import { pickLocale } from '../i18n/messages'
import { authRoutes } from '../auth/routes'
import { recordRoutes } from '../records/routes'
import { buildBootstrap } from '../records/metadata'
import { searchRoutes } from '../search/routes'
import type { Core } from '../server/core'
import { adminPluginRoutes } from '../tenancy/admin-plugin-routes'
import { platformRoutes } from '../tenancy/platform-routes'
import { trashRoutes } from '../trash/routes'
import { userDirectoryRoutes } from '../users/directory-routes'
import type { AppEnv } from './env'
import {
  answerAgainWhenContextChanged,
  authenticate,
  contextChanged,
  requireAdmin,
  requirePlugin,
  securityHeaders,
  tenantTransaction,
} from './middleware'
import { fromDatabaseError, problemResponse } from './problem'
import { serveWeb } from './static'
import { streamLimit } from './stream-limit'
import { extraRoutes } from './extra-routes'
import { openApiDocument } from '../openapi/document'
import { importBodyLimit, registerImportJobs } from '../import/register'
import { fileRoutes } from '../files/routes'

export interface CreateAppOptions {
  /** Logs unexpected errors (default: console.error). */
  onUnexpectedError?: (err: unknown) => void
}

/**
 * `c.json` answering with the JSON's UTF-8 bytes. Given the text, the Node server copied it twice on the
 * JavaScript heap before it reached the socket: once to count its bytes (the text of a large
 * `JSON.stringify` is made of pieces, joined on first use), once more joined to the response's head.
 */
function jsonBytes(c: Context): Context['json'] {
  return ((object: unknown, arg?: any, headers?: Record<string, string>) => {
    const text: string | undefined = JSON.stringify(object)
    const headed = { 'Content-Type': 'application/json', ...headers }
    return text === undefined ? c.body(null, arg, headed) : c.body(Buffer.from(text), arg, headed)
  }) as unknown as Context['json']
}

export function createApp(core: Core, o: CreateAppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  // Interrupted imports resume after a restart only if their jobs are known before the workers start.
  registerImportJobs(core)
  const log = o.onUnexpectedError ?? ((e: unknown) => console.error(e))
  app.use(async function context(c, next) {
    c.json = jsonBytes(c)
    c.set('core', core)
    c.set('request', c.req.raw)
    c.set('locale', pickLocale(c.req.header('accept-language')))
    return next()
  })
  app.use(securityHeaders())
  const jsonLimit = bodyLimit({
    maxSize: core.config.bodyLimit,
    onError: () => {
      throw new ComptoirError(
        413,
        'payload-too-large',
        `Request bodies are limited to ${core.config.bodyLimit} bytes`,
      )
    },
  })
  // Import files stream to storage under their own, larger limit, counted without holding the body.
  const importLimit = streamLimit({
    maxSize: (c) => importBodyLimit(c.get('core')),
    tooLarge: (c) => {
      const max = registerImportJobs(c.get('core')).maxFileBytes
      return new ComptoirError(413, 'payload-too-large', `Import files are limited to ${max} bytes`)
    },
  })
  // Import files and uploads stream through their own routes, which enforce their own (larger) limits.
  app.use('/api/*', function bodyLimits(c, next) {
    // A GET or HEAD request has no body to count; asking for it would build a whole fetch Request.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    if (c.req.method !== 'POST') return jsonLimit(c, next)
    if (/^\/api\/v1\/import\/[^/]+$/.test(c.req.path)) return importLimit(c, next)
    const multipart = /^multipart\/form-data\b/i.test(c.req.header('content-type') ?? '')
    return multipart && /^\/api\/v1\/files\/?$/.test(c.req.path) ? next() : jsonLimit(c, next)
  })
  app.onError((err, c) => {
    const mapped = fromDatabaseError(err)
    if (!isComptoirError(mapped)) log(err)
    if (err instanceof ContextChangedError) contextChanged(c.get('request') ?? c.req.raw)
    return problemResponse(mapped, core.messages, c.get('locale') ?? 'fr')
  })
  app.notFound((c) =>
    problemResponse(
      new ComptoirError(404, 'not-found', 'No such route'),
      core.messages,
      c.get('locale') ?? 'fr',
    ),
  )

  app.get('/health', (c) => c.json({ status: 'ok', version: core.version }))
  app.route('/api/v1/auth', authRoutes())
  app.route('/api/v1/platform', platformRoutes())

  const api = new Hono<AppEnv>()
  api.use(authenticate({ inTransaction: true }), tenantTransaction())
  api.get('/bootstrap', async (c) => c.json(await buildBootstrap(c.get('ctx'))))
  api.route('/records', recordRoutes())
  api.route('/search', searchRoutes())
  api.route('/trash', trashRoutes())
  api.route('/users', userDirectoryRoutes())
  api.route('/files', fileRoutes())
  const admin = new Hono<AppEnv>()
  admin.use(requireAdmin())
  admin.route('/plugins', adminPluginRoutes())
  for (const mount of extraRoutes) mount(api, admin)
  api.route('/admin', admin)
  const pluginApps = new Map<string, Hono<AppEnv>>()
  for (const p of core.registry.plugins) {
    if (!p.routes) continue
    const sub = new Hono<AppEnv>()
    sub.use(requirePlugin(p.manifest.id))
    p.routes(sub)
    pluginApps.set(p.manifest.id, sub)
    api.route(`/p/${p.manifest.id}`, sub)
  }
  api.get('/openapi.json', async (c) => c.json(await openApiDocument(c.get('ctx'), pluginApps)))
  app.route('/api/v1', api)
  if (core.config.webRoot) app.use(serveWeb(core.config.webRoot))
  return answerAgainWhenContextChanged(app)
}
