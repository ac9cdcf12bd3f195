/**
 * The generic record routes every entity gets: list, create, read, update, trash, related lists,
 * history, links, actions and bulk operations. Each one goes through the records service.
 * @module
 */
import { Hono } from 'hono'
import { ForbiddenError, NotFoundError, ValidationError } from '../errors'
import type { AppEnv } from '../http/env'
import { readJson } from '../http/request'
import type { RecordsServiceImpl } from './records-service'
import { parseListQuery } from './parse-query'
import { RECORD_SHEET, renderRecordSheet } from '../pdf/record-sheet'
import { safeFileName } from '../pdf/file-name'

function service(c: { get(k: 'ctx'): any }, ref: string): RecordsServiceImpl {
  const ctx = c.get('ctx')
  if (!ctx.core.registry.entities.has(ref)) throw new NotFoundError(`Unknown entity ${ref}`)
  return ctx.records(ref) as RecordsServiceImpl
}

/** Where `recordRoutes` is mounted in the API. */
const CREATE = /^\/api\/v1\/records\/[^/]+\/?$/
const UPDATE_OR_DELETE = /^\/api\/v1\/records\/[^/]+\/[^/]+\/?$/

/**
 * Whether `method path` is one of the routes below whose every effect is in the request's transaction:
 * create, update and delete (hooks included; events go through the outbox). Bulk operations, links and
 * actions are not among them: an action may send mail.
 */
export function recordWriteInTransaction(method: string, path: string): boolean {
  if (method === 'POST') return CREATE.test(path)
  return (method === 'PATCH' || method === 'DELETE') && UPDATE_OR_DELETE.test(path)
}

export function recordRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>()
  r.get('/:entity', async (c) =>
    c.json(await service(c, c.req.param('entity')).list(parseListQuery(new URL(c.req.url)))),
  )
  r.post('/:entity', async (c) =>
    c.json(await service(c, c.req.param('entity')).create(await readJson(c)), 201),
  )
  r.post('/:entity/bulk', async (c) => {
    const svc = service(c, c.req.param('entity'))
    const body = await readJson(c)
    const ids = body.ids
    if (
      !Array.isArray(ids) ||
      ids.length === 0 ||
      ids.length > 500 ||
      ids.some((x) => typeof x !== 'string')
    ) {
      throw new ValidationError([{ path: 'ids', code: 'invalid_reference' }])
    }
    if (body.action === 'delete') {
      let count = 0
      for (const id of ids as string[]) count += (await svc.remove(id)).count
      return c.json({ count })
    }
    if (body.action === 'update') {
      if (typeof body.data !== 'object' || body.data === null)
        throw new ValidationError([{ path: 'data', code: 'type_object' }])
      // The request's one transaction: a record refused rolls back every record already changed.
      let count = 0
      for (const id of ids as string[]) {
        const row = await svc.loadFor(id, 'update')
        try {
          await svc.update(id, body.data as Record<string, unknown>, row.version)
        } catch (e) {
          // The fields are those of `data`, and the error says which record refused them.
          if (e instanceof ValidationError)
            throw new ValidationError(
              e.errors.map((f) => ({ ...f, path: f.path ? `data.${f.path}` : 'data' })),
              `Record ${id}: ${e.detail ?? 'invalid data'}`,
            )
          throw e
        }
        count++
      }
      return c.json({ count })
    }
    throw new ValidationError([{ path: 'action', code: 'invalid_option' }])
  })
  r.get('/:entity/:id', async (c) => c.json(await service(c, c.req.param('entity')).get(c.req.param('id'))))
  r.patch('/:entity/:id', async (c) => {
    const body = await readJson(c)
    const { version, ...data } = body
    if (version !== undefined && (typeof version !== 'number' || !Number.isInteger(version))) {
      throw new ValidationError([{ path: 'version', code: 'type_integer' }])
    }
    return c.json(
      await service(c, c.req.param('entity')).update(c.req.param('id'), data, version as number | undefined),
    )
  })
  r.delete('/:entity/:id', async (c) =>
    c.json(await service(c, c.req.param('entity')).remove(c.req.param('id'))),
  )
  r.get('/:entity/:id/related/:relation', async (c) =>
    c.json(
      await service(c, c.req.param('entity')).related(
        c.req.param('id'),
        c.req.param('relation'),
        parseListQuery(new URL(c.req.url)),
      ),
    ),
  )
  r.get('/:entity/:id/history', async (c) =>
    c.json({ data: await service(c, c.req.param('entity')).history(c.req.param('id')) }),
  )
  r.post('/:entity/:id/links/:kind', async (c) => {
    const body = await readJson(c)
    if (typeof body.target !== 'string')
      throw new ValidationError([{ path: 'target', code: 'invalid_reference' }])
    if (body.role !== undefined && body.role !== null && typeof body.role !== 'string')
      throw new ValidationError([{ path: 'role', code: 'type_string' }])
    await service(c, c.req.param('entity')).link(
      c.req.param('id'),
      c.req.param('kind'),
      body.target,
      (body.role as string) ?? null,
    )
    return c.json({ ok: true }, 201)
  })
  r.delete('/:entity/:id/links/:kind/:target', async (c) => {
    await service(c, c.req.param('entity')).unlink(
      c.req.param('id'),
      c.req.param('kind'),
      c.req.param('target'),
    )
    return c.json({ ok: true })
  })
  r.get('/:entity/:id/pdf/:template', async (c) => {
    const ref = c.req.param('entity')
    const svc = service(c, ref)
    const ctx = c.get('ctx')
    const id = c.req.param('template')
    const tpl = ctx.core.registry.pdfTemplates.get(id)
    if (id !== RECORD_SHEET && (!tpl || tpl.def.entity !== ref || !ctx.enabled.has(tpl.plugin)))
      throw new NotFoundError('Unknown template')
    const record = await svc.get(c.req.param('id'))
    const bytes =
      tpl && id !== RECORD_SHEET
        ? await tpl.def.render(ctx, record)
        : await renderRecordSheet(ctx, ref, record)
    const name = safeFileName(tpl?.def.fileName?.(record) ?? String(record._title || record.id))
    return c.body(bytes as unknown as ArrayBuffer, 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${name.ascii}.pdf"; filename*=UTF-8''${encodeURIComponent(name.utf8)}.pdf`,
      'cache-control': 'private, no-store',
    })
  })
  r.post('/:entity/:id/actions/:action', async (c) => {
    const ref = c.req.param('entity')
    const svc = service(c, ref)
    const ctx = c.get('ctx')
    const action = ctx.core.registry.actions.get(`${ref}.${c.req.param('action')}`)
    if (!action || !ctx.enabled.has(action.plugin)) throw new NotFoundError('Unknown action')
    svc.assertEnabled()
    // Locked: two concurrent runs of an action on one record (a double conversion) queue up.
    const row = await svc.loadFor(c.req.param('id'), 'read', { lock: true })
    const scope = ctx.access.scope(action.def.permission)
    if (!ctx.access.covers(scope, row.owner_id) && !(svc.entity.ownership === 'none' && scope !== 'none')) {
      throw new ForbiddenError('forbidden', `Not allowed: ${action.def.permission}`, {
        permission: action.def.permission,
      })
    }
    const record = await svc.toRecord(row)
    const result = await action.handler(ctx, { record, body: await readJson(c) })
    return c.json(result ?? { ok: true })
  })
  return r
}
