/**
 * Plugin hooks on imported records, exactly as the records engine runs them (`runHooks` in
 * `records/write.ts`): every hook registered for `<ref>.<stage>` by an enabled plugin, in order. The
 * lookup is done once per batch, and a stage without hooks costs nothing per row.
 * @module
 */
import type { RecordData } from '../entity/define-entity'
import type { FilterHook } from '../plugin/server-plugin'
import type { RequestContext } from '../records/context'

export type HookArgs = { data: RecordData; before?: RecordData; id?: string }

export class HookRunner {
  private readonly stages = new Map<string, FilterHook[]>()

  constructor(
    private readonly ctx: RequestContext,
    private readonly ref: string,
  ) {}

  private hooks(stage: string): FilterHook[] {
    let list = this.stages.get(stage)
    if (!list) {
      const reg = this.ctx.core.registry
      list = (reg.hooks.get(`${this.ref}.${stage}`) ?? []).filter((h) => {
        const plugin = reg.plugins.find((p) => p.hooks && Object.values(p.hooks).includes(h))
        return !plugin || this.ctx.enabled.has(plugin.manifest.id)
      })
      this.stages.set(stage, list)
    }
    return list
  }

  has(stage: string): boolean {
    return this.hooks(stage).length > 0
  }

  async run(stage: string, args: HookArgs): Promise<void> {
    for (const h of this.hooks(stage)) await h(this.ctx, { entity: this.ref, ...args })
  }
}
