import type { RequestContext } from './context'
import type { EntityModel } from './entity-model'
import type { Params } from './sql-params'

/** SQL predicate restricting rows to the user's scope for `action`, or null for `all`. `none` matches nothing. */
export function scopeSql(
  ctx: RequestContext,
  model: EntityModel,
  action: string,
  p: Params,
  alias = 't',
): string | null {
  if (model.entity.ownership === 'none') return ctx.access.can(`${model.ref}.${action}`) ? null : 'false'
  const scope = ctx.access.scope(`${model.ref}.${action}`)
  switch (scope) {
    case 'all':
      return null
    case 'team':
      return `${alias}.owner_id = ANY(${p.add(ctx.access.teamMemberIds)}::uuid[])`
    case 'own':
      return `${alias}.owner_id = ${p.add(ctx.access.userId)}`
    default:
      return 'false'
  }
}
