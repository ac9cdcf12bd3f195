/**
 * The platform operator API, authorised by `Authorization: Bearer $COMPTOIR_PLATFORM_TOKEN`: plans,
 * tenant creation, plan changes (one transaction; a downgrade disables plugins and keeps their data, see
 * `plan-change.ts` for which plugins an upgrade enables) and suspension.
 * @module
 */
import { timingSafeEqual } from 'node:crypto'
import { Hono } from 'hono'
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../errors'
import type { AppEnv } from '../http/env'
import { readJson } from '../http/request'
import { createTenant } from './tenant-admin'
import { changeTenant } from './plan-change'
import { findTenant, planPlugins } from './tenants'
import { isUuid } from '../entity/validate'

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export function platformRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>()
  r.use(async function platformAuth(c, next) {
    const token = c.get('core').config.platformToken
    if (!token)
      throw new ForbiddenError('platform-disabled', 'The platform API is not enabled on this server')
    const h = c.req.header('authorization') ?? ''
    if (!h.startsWith('Bearer ') || !sameSecret(h.slice(7).trim(), token))
      throw new UnauthorizedError('invalid-token')
    return next()
  })
  r.get('/plans', (c) => {
    const core = c.get('core')
    return c.json({
      data: Object.keys(core.config.plans).map((id) => ({
        id,
        plugins: planPlugins(core.config.plans, id, core.registry),
      })),
    })
  })
  r.get('/tenants', async (c) => {
    const rows = await c
      .get('core')
      .db.system((tx) =>
        tx.query(
          'SELECT id, slug, name, plan, status, locale, created_at FROM core_tenant ORDER BY created_at',
        ),
      )
    return c.json({ data: rows })
  })
  r.post('/tenants', async (c) => {
    const b = await readJson(c)
    const admin = (b.admin ?? {}) as Record<string, unknown>
    const { tenantId, adminId } = await createTenant(c.get('core'), {
      name: b.name as string,
      slug: b.slug as string,
      plan: b.plan as string | undefined,
      locale: b.locale === 'en' ? 'en' : 'fr',
      admin: { email: admin.email as string, password: admin.password as string, name: admin.name as string },
    })
    const t = await c.get('core').tenant({ id: tenantId })
    return c.json({ ...t, adminId }, 201)
  })
  r.patch('/tenants/:id', async (c) => {
    const core = c.get('core')
    const id = c.req.param('id')
    if (!isUuid(id)) throw new NotFoundError()
    const b = await readJson(c)
    const errors = []
    if (b.plan !== undefined && (typeof b.plan !== 'string' || !core.config.plans[b.plan]))
      errors.push({ path: 'plan', code: 'invalid_option' })
    if (b.status !== undefined && b.status !== 'active' && b.status !== 'suspended')
      errors.push({ path: 'status', code: 'invalid_option' })
    if (errors.length) throw new ValidationError(errors)
    const tenant = await core.db.system((tx) => findTenant(tx, { id }))
    if (!tenant) throw new NotFoundError()
    await changeTenant(core, tenant, {
      plan: b.plan as string | undefined,
      status: b.status as 'active' | 'suspended' | undefined,
    })
    return c.json(await core.tenant({ id }))
  })
  return r
}
