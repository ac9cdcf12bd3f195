/**
 * `/api/v1/admin/custom-fields?entity=`: the tenant's own fields on entities. The records engine then
 * validates, filters (`filter[custom.<name>][op]`), sorts and returns them under `custom`. Deleting a field
 * also erases its values, so a later field of the same name starts empty.
 * @module
 */
import { Hono } from 'hono'
import { uuidv7 } from '../db/uuid'
import { ident } from '../entity/naming'
import { isUuid } from '../entity/validate'
import { BadRequestError, type FieldError, NotFoundError, ValidationError } from '../errors'
import type { AppEnv } from '../http/env'
import { readJson } from '../http/request'
import type { RequestContext } from '../records/context'
import { iso } from '../records/entity-model'
import { readFieldChanges, readNewField } from './custom-field-input'

const COLS = 'id, entity, name, type, label_fr, label_en, options, required, position, created_at'

function view(r: any) {
  return {
    id: r.id,
    entity: r.entity,
    name: r.name,
    type: r.type,
    labels: { fr: r.label_fr, en: r.label_en },
    options: r.options as string[],
    required: r.required,
    position: r.position,
    createdAt: iso(r.created_at),
  }
}

async function load(ctx: RequestContext, id: string) {
  const [row] = isUuid(id)
    ? await ctx.tx.query<any>(`SELECT ${COLS} FROM core_custom_field WHERE tenant_id = $1 AND id = $2`, [
        ctx.tenant.id,
        id,
      ])
    : []
  if (!row) throw new NotFoundError()
  return row
}

export function customFieldRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>()
  r.get('/', async (c) => {
    const ctx = c.get('ctx')
    const entity = c.req.query('entity')
    if (entity !== undefined && !ctx.core.registry.entities.has(entity)) {
      throw new BadRequestError('bad-request', 'Unknown entity', [{ path: 'entity', code: 'invalid_option' }])
    }
    const rows = await ctx.tx.query(
      `SELECT ${COLS} FROM core_custom_field WHERE tenant_id = $1 AND ($2::text IS NULL OR entity = $2)
       ORDER BY entity, position, name`,
      [ctx.tenant.id, entity ?? null],
    )
    return c.json({ data: rows.map(view) })
  })
  r.post('/', async (c) => {
    const ctx = c.get('ctx')
    const errors: FieldError[] = []
    const v = await readNewField(ctx, await readJson(c), errors)
    if (errors.length) throw new ValidationError(errors)
    const [row] = await ctx.tx.query(
      `INSERT INTO core_custom_field (tenant_id, id, entity, name, type, label_fr, label_en, options, required, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9, $10) RETURNING ${COLS}`,
      [
        ctx.tenant.id,
        uuidv7(),
        v.entity,
        v.name,
        v.type,
        v.labels!.fr,
        v.labels!.en,
        JSON.stringify(v.options),
        v.required,
        v.position,
      ],
    )
    return c.json(view(row), 201)
  })
  r.patch('/:id', async (c) => {
    const ctx = c.get('ctx')
    const current = await load(ctx, c.req.param('id'))
    const errors: FieldError[] = []
    const v = readFieldChanges(current, await readJson(c), errors)
    if (errors.length) throw new ValidationError(errors)
    const [row] = await ctx.tx.query(
      `UPDATE core_custom_field SET label_fr = coalesce($3, label_fr), label_en = coalesce($4, label_en),
         options = coalesce($5::text::jsonb, options), required = coalesce($6, required), position = coalesce($7, position)
       WHERE tenant_id = $1 AND id = $2 RETURNING ${COLS}`,
      [
        ctx.tenant.id,
        current.id,
        v.labels?.fr ?? null,
        v.labels?.en ?? null,
        v.options ? JSON.stringify(v.options) : null,
        v.required ?? null,
        v.position ?? null,
      ],
    )
    return c.json(view(row))
  })
  r.delete('/:id', async (c) => {
    const ctx = c.get('ctx')
    const current = await load(ctx, c.req.param('id'))
    await ctx.tx.query('DELETE FROM core_custom_field WHERE tenant_id = $1 AND id = $2', [
      ctx.tenant.id,
      current.id,
    ])
    const entity = ctx.core.registry.entities.get(current.entity)
    if (entity) {
      await ctx.tx.query(
        `UPDATE ${ident(entity.table)} SET custom = custom - $2::text WHERE tenant_id = $1 AND custom -> $2::text IS NOT NULL`,
        [ctx.tenant.id, current.name],
      )
    }
    return c.json({ ok: true })
  })
  return r
}
