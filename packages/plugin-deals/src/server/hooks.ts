/**
 * Hooks of the deals plugin: the stage's probability and lost-reason rules on every create and update.
 * @module
 */
import { type FilterHook, ValidationError } from '@comptoir/core/server'
import { applyStageRules, type StageInfo, stageToCheck } from './stage-rules'

const checkStage: FilterHook = async function checkStage(ctx, { data, before }) {
  const id = stageToCheck(data, before)
  if (!id) return
  // An unknown stage is left to the engine's reference check, which names the field (422, not 404).
  const stage = (await ctx.records('deals.stage').find(id)) as StageInfo | null
  if (!stage) return
  const errors = applyStageRules(data, before, stage)
  if (errors.length)
    throw new ValidationError(errors.map((e) => ({ ...e, message: ctx.t(`deals:error.${e.code}`) })))
}

export const hooks: Record<string, FilterHook> = {
  'deals.deal.beforeCreate': checkStage,
  'deals.deal.beforeUpdate': checkStage,
}
