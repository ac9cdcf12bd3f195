/**
 * Creating tenants and enabling plugins for them: the plugin rows, the plugins' role templates (merged
 * into the tenant's roles without overwriting what an admin changed) and their idempotent seeds.
 * @module
 */
import { hashPassword, checkPasswordPolicy } from '../auth/password'
import { ConflictError, ValidationError } from '../errors'
import { uuidv7 } from '../db/uuid'
import { validateRecord } from '../entity/validate'
import { f } from '../entity/fields'
import type { Locale, RoleTemplateId } from '../plugin/define-plugin'
import type { RequestContext } from '../records/context'
import type { Core } from '../server/core'
import { checkSlug, enableClosure, planPlugins } from './tenants'
import { scheduleTrashRetention } from '../settings/trash-retention'

const TEMPLATE_NAMES: Record<RoleTemplateId, Record<Locale, string>> = {
  admin: { fr: 'Administrateur', en: 'Administrator' },
  'sales-manager': { fr: 'Responsable commercial', en: 'Sales manager' },
  'sales-rep': { fr: 'Commercial', en: 'Sales representative' },
  'read-only': { fr: 'Lecture seule', en: 'Read-only' },
}

export interface NewTenant {
  name: string
  slug: string
  plan?: string
  locale?: Locale
  admin: { email: string; password: string; name: string }
}

/**
 * Applies the role templates of `pluginIds` (when first enabled for the tenant): missing grants are added;
 * existing ones are left as edited.
 */
export async function applyRoleTemplates(ctx: RequestContext, pluginIds: string[]): Promise<void> {
  for (const id of pluginIds) {
    const p = ctx.core.registry.plugin(id)
    for (const [template, def] of Object.entries(p?.manifest.roleTemplates ?? {}) as [
      RoleTemplateId,
      any,
    ][]) {
      const [role] = await ctx.tx.query<{
        id: string
        grants: Record<string, string>
        fields: Record<string, string>
      }>('SELECT id, grants, fields FROM core_role WHERE tenant_id = $1 AND template = $2', [
        ctx.tenant.id,
        template,
      ])
      const grants = { ...(def.grants ?? {}), ...(role?.grants ?? {}) }
      const fields = { ...(def.fields ?? {}), ...(role?.fields ?? {}) }
      if (role) {
        await ctx.tx.query(
          'UPDATE core_role SET grants = $3::text::jsonb, fields = $4::text::jsonb, updated_at = now() WHERE tenant_id = $1 AND id = $2',
          [ctx.tenant.id, role.id, JSON.stringify(grants), JSON.stringify(fields)],
        )
      } else {
        await ctx.tx.query(
          'INSERT INTO core_role (tenant_id, id, name, template, grants, fields) VALUES ($1, $2, $3, $4, $5::text::jsonb, $6::text::jsonb)',
          [
            ctx.tenant.id,
            uuidv7(),
            TEMPLATE_NAMES[template]?.[ctx.tenant.locale] ?? template,
            template,
            JSON.stringify(grants),
            JSON.stringify(fields),
          ],
        )
      }
    }
  }
}

/** Enables plugins (with their dependency closure) for the context's tenant; returns what was newly enabled. */
export async function enablePlugins(ctx: RequestContext, ids: string[]): Promise<string[]> {
  const wanted = new Set<string>()
  for (const id of ids)
    for (const x of enableClosure(ctx.core.registry, ctx.core.config.plans, ctx.tenant.plan, id))
      wanted.add(x)
  const ordered = ctx.core.registry.plugins.map((p) => p.manifest.id).filter((id) => wanted.has(id))
  const fresh = ordered.filter((id) => !ctx.enabled.has(id))
  // Templates apply the first time a plugin is enabled: enabled again, it must not bring back a grant
  // an administrator removed meanwhile.
  const known = await ctx.tx.query<{ plugin_id: string }>(
    'SELECT plugin_id FROM core_tenant_plugin WHERE tenant_id = $1 AND plugin_id = ANY($2::text[])',
    [ctx.tenant.id, fresh],
  )
  const firstTime = fresh.filter((id) => !known.some((k) => k.plugin_id === id))
  for (const id of ordered) {
    await ctx.tx.query(
      `INSERT INTO core_tenant_plugin (tenant_id, plugin_id, enabled, changed_at) VALUES ($1, $2, true, now())
       ON CONFLICT (tenant_id, plugin_id) DO UPDATE SET enabled = true, changed_at = now()`,
      [ctx.tenant.id, id],
    )
    ;(ctx.enabled as Set<string>).add(id)
  }
  await applyRoleTemplates(ctx, firstTime)
  for (const id of fresh) await ctx.core.registry.plugin(id)?.seed?.({ ctx, tenantId: ctx.tenant.id })
  return fresh
}

export async function disablePlugin(ctx: RequestContext, id: string): Promise<void> {
  await ctx.tx.query(
    'UPDATE core_tenant_plugin SET enabled = false, changed_at = now() WHERE tenant_id = $1 AND plugin_id = $2',
    [ctx.tenant.id, id],
  )
  ;(ctx.enabled as Set<string>).delete(id)
}

/** Creates a tenant, its first admin and its plan's plugins. Returns the tenant and admin ids. */
export async function createTenant(core: Core, t: NewTenant): Promise<{ tenantId: string; adminId: string }> {
  const slug = checkSlug(t.slug)
  const plan = t.plan ?? core.config.defaultPlan
  const errors = validateRecord({ name: f.text({ required: true, maxLength: 200 }) }, { name: t.name }).errors
  const admin = validateRecord(
    { email: f.email({ required: true }), name: f.text({ required: true, maxLength: 200 }) },
    { email: t.admin?.email, name: t.admin?.name },
    { prefix: 'admin.' },
  )
  errors.push(...admin.errors)
  if (!core.config.plans[plan]) errors.push({ path: 'plan', code: 'invalid_option' })
  if (errors.length) throw new ValidationError(errors)
  checkPasswordPolicy(t.admin.password, 'admin.password')
  const tenantId = uuidv7()
  const adminId = uuidv7()
  const passwordHash = await hashPassword(t.admin.password)
  await core.db.system(async (tx) => {
    const exists = await tx.query('SELECT 1 FROM core_tenant WHERE slug = $1', [slug])
    if (exists.length)
      throw new ConflictError('slug-taken', `The slug "${slug}" is already used`, {
        errors: [{ path: 'slug', code: 'unique' }],
      })
    await tx.query('INSERT INTO core_tenant (id, slug, name, plan, locale) VALUES ($1, $2, $3, $4, $5)', [
      tenantId,
      slug,
      t.name,
      plan,
      t.locale ?? 'fr',
    ])
  })
  try {
    await core.withTenant(tenantId, async (ctx) => {
      await ctx.tx.query(
        'INSERT INTO core_user (tenant_id, id, email, name, password_hash, locale, is_admin, password_changed_at) VALUES ($1, $2, $3, $4, $5, $6, true, now())',
        [tenantId, adminId, admin.values.email, admin.values.name, passwordHash, t.locale ?? 'fr'],
      )
      await enablePlugins(ctx, planPlugins(core.config.plans, plan, core.registry))
      await scheduleTrashRetention(ctx, core.now())
    })
  } catch (e) {
    // Nothing of the tenant was committed but its row: remove it so the slug stays free.
    await core.db.system((tx) => tx.query('DELETE FROM core_tenant WHERE id = $1', [tenantId]))
    throw e
  }
  return { tenantId, adminId }
}
