/**
 * Lists of ids in request bodies (`roles`, `teams`, `members`): parsed, de-duplicated and checked to
 * exist in the tenant, each missing one reported at its own path (`roles.1`).
 * @module
 */
import { isUuid } from '../entity/validate'
import type { FieldError } from '../errors'
import type { RequestContext } from '../records/context'

const TABLES = { role: 'core_role', team: 'core_team', user: 'core_user' } as const

/** The ids, or undefined when absent; pushes errors for anything that is not a list of known ids. */
export async function readIdList(
  ctx: RequestContext,
  body: Record<string, unknown>,
  key: string,
  kind: keyof typeof TABLES,
  errors: FieldError[],
): Promise<string[] | undefined> {
  const raw = body[key]
  if (raw === undefined) return undefined
  if (!Array.isArray(raw) || raw.length > 500) {
    errors.push({ path: key, code: 'invalid_reference' })
    return undefined
  }
  const bad = raw.findIndex((x) => !isUuid(x))
  if (bad >= 0) {
    errors.push({ path: `${key}.${bad}`, code: 'invalid_reference' })
    return undefined
  }
  const ids = [...new Set((raw as string[]).map((x) => x.toLowerCase()))]
  const found = await ctx.tx.query<{ id: string }>(
    `SELECT id FROM ${TABLES[kind]} WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
    [ctx.tenant.id, ids],
  )
  const known = new Set(found.map((r) => r.id))
  raw.forEach((x, i) => {
    if (!known.has((x as string).toLowerCase()))
      errors.push({ path: `${key}.${i}`, code: 'reference_not_found' })
  })
  return ids
}
