/** Filter hooks of an entity at one stage, from the plugins enabled for the tenant, in dependency order. */
import type { RecordData } from '../entity/define-entity'
import type { RecordsServiceImpl } from './records-service'

export async function runHooks(
  svc: RecordsServiceImpl,
  stage: string,
  args: { data: RecordData; before?: RecordData; id?: string },
) {
  for (const h of svc.ctx.core.registry.hooks.get(`${svc.ref}.${stage}`) ?? []) {
    const plugin = svc.ctx.core.registry.plugins.find((p) => p.hooks && Object.values(p.hooks).includes(h))
    if (plugin && !svc.ctx.enabled.has(plugin.manifest.id)) continue
    await h(svc.ctx, { entity: svc.ref, ...args })
  }
}
