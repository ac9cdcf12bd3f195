/**
 * Saved list views (`core_saved_view`): a user's own views of an entity's list (columns, sort, filters),
 * and shared ones (no owner) that administrators create and everyone in the tenant sees. A user sees views
 * only of entities they may read; someone else's private view does not exist for them.
 * @module
 */
import { uuidv7 } from '../db/uuid'
import { f } from '../entity/fields'
import { isUuid, validateRecord } from '../entity/validate'
import { type FieldError, ForbiddenError, NotFoundError, ValidationError } from '../errors'
import type { RequestContext } from '../records/context'
import { iso } from '../records/entity-model'

const FIELDS = { name: f.text({ required: true, maxLength: 100 }), shared: f.boolean() }
const MAX_CONFIG = 20_000

interface ViewRow {
  id: string
  user_id: string | null
  entity: string
  name: string
  config: Record<string, unknown>
  created_at: string
}

function view(ctx: RequestContext, r: ViewRow) {
  return {
    id: r.id,
    entity: r.entity,
    name: r.name,
    shared: r.user_id === null,
    config: r.config,
    ownerId: r.user_id,
    mine: r.user_id === ctx.user.id || (r.user_id === null && ctx.user.isAdmin),
    createdAt: iso(r.created_at),
  }
}

/** 422 for an unknown entity, 403 when its plugin is off or the user may not read it. */
export function checkEntity(ctx: RequestContext, ref: unknown, errors: FieldError[]): string | undefined {
  const entity = typeof ref === 'string' ? ctx.core.registry.entities.get(ref) : undefined
  if (!entity) {
    errors.push({ path: 'entity', code: ref === undefined || ref === '' ? 'required' : 'invalid_option' })
    return undefined
  }
  if (!ctx.enabled.has(entity.plugin)) {
    throw new ForbiddenError('plugin-not-enabled', `Plugin "${entity.plugin}" is not enabled`, {
      plugin: entity.plugin,
    })
  }
  if (!ctx.access.can(`${entity.ref}.read`))
    throw new ForbiddenError('forbidden', `Not allowed: ${entity.ref}.read`)
  return entity.ref
}

function checkConfig(raw: unknown, errors: FieldError[]): Record<string, unknown> | undefined {
  if (raw === undefined) return undefined
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    errors.push({ path: 'config', code: 'type_object' })
    return undefined
  }
  const c = raw as Record<string, unknown>
  if (JSON.stringify(c).length > MAX_CONFIG)
    errors.push({ path: 'config', code: 'too_long', params: { max: MAX_CONFIG } })
  const strings = (v: unknown) =>
    Array.isArray(v) && v.length <= 200 && v.every((x) => typeof x === 'string' && x.length <= 200)
  if (c.columns !== undefined && !strings(c.columns))
    errors.push({ path: 'config.columns', code: 'invalid_format' })
  if (c.sort !== undefined && (typeof c.sort !== 'string' || c.sort.length > 200))
    errors.push({ path: 'config.sort', code: 'type_string' })
  if (c.filters !== undefined && (!Array.isArray(c.filters) || c.filters.length > 100)) {
    errors.push({ path: 'config.filters', code: 'invalid_format' })
  }
  return c
}

function assertMayShare(ctx: RequestContext, shared: unknown) {
  if (shared === true && !ctx.user.isAdmin)
    throw new ForbiddenError('admin-only', 'Only administrators share views')
}

export async function listViews(ctx: RequestContext, entity?: string) {
  const readable = [...ctx.core.registry.entities.values()]
    .filter((e) => ctx.enabled.has(e.plugin) && ctx.access.can(`${e.ref}.read`))
    .map((e) => e.ref)
  const rows = await ctx.tx.query<ViewRow>(
    `SELECT id, user_id, entity, name, config, created_at FROM core_saved_view
     WHERE tenant_id = $1 AND (user_id IS NULL OR user_id = $2) AND entity = ANY($3::text[]) AND ($4::text IS NULL OR entity = $4)
     ORDER BY (user_id IS NULL) DESC, lower(name), id`,
    [ctx.tenant.id, ctx.user.id, readable, entity ?? null],
  )
  return rows.map((r) => view(ctx, r))
}

/** A view the user can see (their own or a shared one), for `write`: only if they may change it. */
async function loadView(ctx: RequestContext, id: string, write: boolean): Promise<ViewRow> {
  const [row] = isUuid(id)
    ? await ctx.tx.query<ViewRow>(
        `SELECT id, user_id, entity, name, config, created_at FROM core_saved_view
         WHERE tenant_id = $1 AND id = $2 AND (user_id IS NULL OR user_id = $3)`,
        [ctx.tenant.id, id, ctx.user.id],
      )
    : []
  if (!row) throw new NotFoundError()
  if (write && row.user_id === null && !ctx.user.isAdmin) {
    throw new ForbiddenError('admin-only', 'Only administrators change shared views')
  }
  return row
}

export async function createView(ctx: RequestContext, body: Record<string, unknown>) {
  assertMayShare(ctx, body.shared)
  const input = validateRecord(FIELDS, body, { allowExtra: ['entity', 'config'] })
  const entity = checkEntity(ctx, body.entity, input.errors)
  const config = checkConfig(body.config ?? {}, input.errors)
  if (input.errors.length) throw new ValidationError(input.errors)
  const [row] = await ctx.tx.query<ViewRow>(
    `INSERT INTO core_saved_view (tenant_id, id, user_id, entity, name, config) VALUES ($1, $2, $3, $4, $5, $6::text::jsonb)
     RETURNING id, user_id, entity, name, config, created_at`,
    [
      ctx.tenant.id,
      uuidv7(),
      input.values.shared ? null : ctx.user.id,
      entity,
      input.values.name,
      JSON.stringify(config),
    ],
  )
  return view(ctx, row)
}

export async function updateView(ctx: RequestContext, id: string, body: Record<string, unknown>) {
  const before = await loadView(ctx, id, true)
  assertMayShare(ctx, body.shared)
  const input = validateRecord(FIELDS, body, { partial: true, allowExtra: ['config'] })
  const config = checkConfig(body.config, input.errors)
  if (input.errors.length) throw new ValidationError(input.errors)
  const shared = input.values.shared as boolean | undefined
  const owner = shared === undefined ? before.user_id : shared ? null : ctx.user.id
  const [row] = await ctx.tx.query<ViewRow>(
    `UPDATE core_saved_view SET name = coalesce($3, name), config = coalesce($4::text::jsonb, config), user_id = $5
     WHERE tenant_id = $1 AND id = $2 RETURNING id, user_id, entity, name, config, created_at`,
    [ctx.tenant.id, id, input.values.name ?? null, config ? JSON.stringify(config) : null, owner],
  )
  return view(ctx, row)
}

export async function deleteView(ctx: RequestContext, id: string): Promise<void> {
  await loadView(ctx, id, true)
  await ctx.tx.query('DELETE FROM core_saved_view WHERE tenant_id = $1 AND id = $2', [ctx.tenant.id, id])
}
