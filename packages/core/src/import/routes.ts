/**
 * The import API:
 * `POST /import/:entity?mode=create|update|upsert&key=&dryRun=&createMissing=&delimiter=&encoding=&dateFormat=&decimal=&mapping=`
 * (file as the raw body or the multipart field `file`) → 202 `{ id }`; with `preview=true` → 200 the
 * detected formats, header, first rows and proposed mapping, without a job; `GET /import/jobs/:id` (progress and
 * errors, `errorsOffset`, `errorsLimit`); `POST /import/jobs/:id/cancel`; `POST /import/jobs/:id/undo`.
 * @module
 */
import { Hono } from 'hono'
import { BadRequestError } from '../errors'
import type { AppEnv } from '../http/env'
import { cancelImport, startUndo } from './import-control'
import { previewImport } from './import-preview'
import { importStatus } from './import-status'
import { registerImportJobs } from './register'
import { startImport } from './start-import'

function page(q: Record<string, string>) {
  const offset = q.errorsOffset === undefined ? 0 : Number(q.errorsOffset)
  const limit = q.errorsLimit === undefined ? 1000 : Number(q.errorsLimit)
  const errors = []
  if (!Number.isInteger(offset) || offset < 0) errors.push({ path: 'errorsOffset', code: 'invalid_limit' })
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
    errors.push({ path: 'errorsLimit', code: 'invalid_limit' })
  if (errors.length) throw new BadRequestError('bad-request', 'Invalid error page', errors)
  return { offset, limit }
}

export function importRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>()
  r.post('/jobs/:id/cancel', async (c) => c.json(await cancelImport(c.get('ctx'), c.req.param('id'))))
  r.post('/jobs/:id/undo', async (c) => {
    const settings = registerImportJobs(c.get('core'))
    return c.json(await startUndo(c.get('ctx'), c.req.param('id'), settings.undoDays), 202)
  })
  r.get('/jobs/:id', async (c) => {
    const settings = registerImportJobs(c.get('core'))
    return c.json(await importStatus(c.get('ctx'), c.req.param('id'), page(c.req.query()), settings.undoDays))
  })
  r.post('/:entity', async (c) => {
    const settings = registerImportJobs(c.get('core'))
    const query = c.req.query()
    if (query.preview === 'true' || query.preview === '1') {
      const ctx = c.get('ctx')
      return c.json(await previewImport(ctx, c.req.param('entity'), c.req.raw, query, settings.maxFileBytes))
    }
    const started = await startImport(
      c.get('ctx'),
      c.req.param('entity'),
      c.req.raw,
      query,
      settings.maxFileBytes,
    )
    return c.json(started, 202)
  })
  return r
}
