/**
 * `GET /api/v1/admin/access?user=&entity=&id=`: explains, in data and in the administrator's language,
 * which roles grant or deny each action of a user on an entity or on one of its records, and the field
 * rules that apply.
 * @module
 */
import { Hono } from 'hono'
import { ident } from '../entity/naming'
import { isUuid } from '../entity/validate'
import { BadRequestError, type FieldError, NotFoundError } from '../errors'
import type { AppEnv } from '../http/env'
import { i18nKeys } from '../i18n/keys'
import { translate } from '../i18n/messages'
import type { RequestContext } from '../records/context'
import { EntityModel } from '../records/entity-model'
import type { RecordsServiceImpl } from '../records/records-service'
import type { ResolvedEntity } from '../plugin/registry'
import { explainAccess } from './explain-access'
import { actionSentence, fieldSentence, type Translate } from './explain-text'
import { loadUserAccess } from './load-access'

async function findRecord(ctx: RequestContext, entity: ResolvedEntity, id: string) {
  const model = new EntityModel(entity, ctx.enabled, [], () => undefined)
  const [row] = await ctx.tx.query<{
    owner_id: string | null
    deleted_at: string | null
    title: string
    owner_name: string | null
  }>(
    `SELECT t.owner_id, t.deleted_at, ${model.titleSql()} AS title, u.name AS owner_name
     FROM ${ident(entity.table)} t LEFT JOIN core_user u ON u.tenant_id = t.tenant_id AND u.id = t.owner_id
     WHERE t.tenant_id = $1 AND t.id = $2`,
    [ctx.tenant.id, id],
  )
  return row
}

function label(t: Translate, key: string, fallback: string): string {
  const text = t(key)
  return text === key ? fallback : text
}

export function accessRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>()
  r.get('/', async (c) => {
    const ctx = c.get('ctx')
    const q = c.req.query()
    const errors: FieldError[] = []
    if (!q.user) errors.push({ path: 'user', code: 'required' })
    if (!q.entity) errors.push({ path: 'entity', code: 'required' })
    else if (!ctx.core.registry.entities.has(q.entity))
      errors.push({ path: 'entity', code: 'invalid_option' })
    if (errors.length) throw new BadRequestError('bad-request', 'Invalid access query', errors)
    const entity = ctx.core.registry.entities.get(q.entity)!
    const user = await loadUserAccess(ctx, q.user)
    if (!user) throw new NotFoundError()
    const row = q.id ? (isUuid(q.id) ? await findRecord(ctx, entity, q.id) : undefined) : null
    if (row === undefined) throw new NotFoundError()
    const enabled = ctx.enabled.has(entity.plugin)
    const model = await (ctx.records(entity.ref) as RecordsServiceImpl).model()
    const actions = entity.actions.filter((a) => ctx.enabled.has(a.plugin))
    const result = explainAccess({
      user,
      entity,
      enabled,
      actions,
      fields: [...model.fields.values()].map((f) => f.name),
      ...(row ? { record: { ownerId: row.owner_id } } : {}),
    })
    const messages = ctx.core.messages
    const t: Translate = (key, params) => translate(messages, ctx.locale, key, params)
    const read = result.actions.find((a) => a.action === 'read')!
    const subject = {
      user: user.name,
      plugin: label(t, i18nKeys.plugin(entity.plugin), entity.plugin),
      readScope: read.scope,
      ...(row ? { record: { owner: row.owner_name } } : {}),
    }
    const actionLabel = (action: string, kind: string, plugin: string) =>
      kind === 'crud'
        ? t(`core:access.action.${action}`)
        : label(t, i18nKeys.action(plugin, entity.name, action), action)
    const fieldLabel = (name: string) => {
      const mf = model.fields.get(name)
      if (mf?.labels) return mf.labels[ctx.locale]
      return label(t, i18nKeys.field(mf?.plugin ?? entity.plugin, entity.name, name), name)
    }
    return c.json({
      user: { id: user.id, name: user.name, email: user.email, isAdmin: user.isAdmin, status: user.status },
      entity: {
        ref: entity.ref,
        label: label(t, i18nKeys.entityOne(entity.plugin, entity.name), entity.ref),
        plugin: entity.plugin,
        enabled,
        ownership: entity.ownership ?? 'owner',
      },
      record: row
        ? {
            id: q.id,
            title: row.title,
            owner: row.owner_id ? { id: row.owner_id, name: row.owner_name } : null,
            deleted: !!row.deleted_at,
          }
        : null,
      roles: user.access.roles.map((x) => ({ id: x.id, name: x.name })),
      actions: result.actions.map((a) => {
        const plugin = actions.find((x) => x.id === a.action)?.plugin ?? entity.plugin
        const text = actionLabel(a.action, a.kind, plugin)
        return { ...a, label: text, explanation: actionSentence(t, ctx.locale, a, text, subject) }
      }),
      fields: result.fields.map((f) => {
        const text = fieldLabel(f.field)
        return { ...f, label: text, explanation: fieldSentence(t, ctx.locale, f, text) }
      }),
    })
  })
  return r
}
