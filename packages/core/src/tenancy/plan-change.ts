/**
 * Changing a tenant's plan, in one transaction: the tenant row and its enabled plugins change together or
 * not at all. The rule:
 * - an enabled plugin the new plan lacks is disabled (its data stays, and comes back with a later plan);
 * - a plugin of the new plan is enabled unless the tenant admin turned it off (or turned off one of its
 *   dependencies): an admin's choice survives plan changes, a plan never re-enables what they disabled;
 * - nothing is ever deleted.
 * The admin's choices are kept in the tenant setting `plugins.turnedOff`.
 * @module
 */
import { TENANT_CONTEXT_SQL } from '../db/database'
import type { TenantInfo } from '../auth/auth-info'
import type { RequestContext } from '../records/context'
import { createRequestContext } from '../records/create-context'
import type { Core } from '../server/core'
import { readSetting, writeSetting } from '../settings/setting-store'
import { disablePlugin, enablePlugins } from './tenant-admin'
import { planPlugins } from './tenants'

const TURNED_OFF = 'plugins.turnedOff'

/** Plugins the tenant admin disabled themselves. */
export async function turnedOff(ctx: RequestContext): Promise<Set<string>> {
  return new Set((await readSetting<string[]>(ctx, TURNED_OFF)) ?? [])
}

/** Records the admin's choice: `off` for a plugin they disabled, on again for those they enabled. */
export async function rememberChoice(ctx: RequestContext, ids: string[], off: boolean): Promise<void> {
  const set = await turnedOff(ctx)
  for (const id of ids) {
    if (off) set.add(id)
    else set.delete(id)
  }
  await writeSetting(ctx, TURNED_OFF, [...set].sort())
}

/** Applies the plan's plugins to the context's tenant (see the module's rule). Returns what changed. */
export async function applyPlan(ctx: RequestContext): Promise<{ enabled: string[]; disabled: string[] }> {
  const { registry, config } = ctx.core
  const allowed = new Set(planPlugins(config.plans, ctx.tenant.plan, registry))
  const disabled: string[] = []
  for (const p of [...registry.plugins].reverse()) {
    const id = p.manifest.id
    if (ctx.enabled.has(id) && !allowed.has(id)) {
      await disablePlugin(ctx, id)
      disabled.push(id)
    }
  }
  const off = await turnedOff(ctx)
  const wanted = [...allowed].filter(
    (id) => !ctx.enabled.has(id) && !registry.closure(id).some((x) => off.has(x) || !allowed.has(x)),
  )
  const enabled = await enablePlugins(ctx, wanted)
  return { enabled, disabled }
}

/** Updates the tenant's plan and status, and its plugins when the plan changed, in one transaction. */
export async function changeTenant(
  core: Core,
  tenant: TenantInfo,
  change: { plan?: string; status?: 'active' | 'suspended' },
): Promise<void> {
  const next: TenantInfo = {
    ...tenant,
    plan: change.plan ?? tenant.plan,
    status: change.status ?? tenant.status,
  }
  let ctx: Awaited<ReturnType<typeof createRequestContext>> | undefined
  await core.db.system(async (tx) => {
    await tx.query('UPDATE core_tenant SET plan = $2, status = $3 WHERE id = $1', [
      tenant.id,
      next.plan,
      next.status,
    ])
    if (next.plan === tenant.plan) return
    // From here on the transaction acts as the tenant, under its row-level security, like a request.
    await tx.query(TENANT_CONTEXT_SQL, [tenant.id, ''])
    ctx = await createRequestContext({ core, tx, tenant: next })
    await applyPlan(ctx)
  })
  if (ctx) {
    for (const cb of ctx.commitCallbacks) await cb()
    if (ctx.wroteEvents) core.outbox.poke()
  }
}
