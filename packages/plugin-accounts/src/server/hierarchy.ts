/**
 * `GET /api/v1/p/accounts/hierarchy/:id`: the group an account belongs to — its parents up to the head
 * company and every subsidiary below it, over a bounded number of levels. Only accounts the user may
 * read are described; one they may not read is kept, without its name, only when it links readable
 * ones (a hidden holding between two visible companies), and left out otherwise.
 * @module
 */
import { type RequestContext, type ServerPluginParts, uuidv7 } from '@comptoir/core/server'

/** Levels followed up from the account and down from its head company. */
export const MAX_DEPTH = 10
/** Accounts described at most; a larger group is cut, deepest levels first, and says so. */
export const MAX_NODES = 500

export interface HierarchyNode {
  id: string
  parent: string | null
  depth: number
  /** Absent when the user may not read this account. */
  title?: string
  number?: string | null
  city?: string | null
  restricted?: true
}

export interface Hierarchy {
  root: string
  focus: string
  nodes: HierarchyNode[]
  truncated: boolean
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

async function rootOf(ctx: RequestContext, id: string): Promise<string> {
  const [row] = await ctx.tx.query<{ id: string }>(
    `WITH RECURSIVE up(id, parent, depth) AS (
       SELECT id, parent_account_id, 0 FROM accounts_account
        WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL
       UNION ALL
       SELECT a.id, a.parent_account_id, up.depth + 1 FROM accounts_account a
         JOIN up ON a.id = up.parent
        WHERE a.tenant_id = $1 AND a.deleted_at IS NULL AND up.depth < $3
     )
     SELECT id FROM up ORDER BY depth DESC LIMIT 1`,
    [ctx.tenant.id, id, MAX_DEPTH],
  )
  return row?.id ?? id
}

async function below(ctx: RequestContext, root: string) {
  return ctx.tx.query<{ id: string; parent: string | null; depth: number }>(
    `WITH RECURSIVE down(id, parent, depth) AS (
       SELECT id, NULL::uuid, 0 FROM accounts_account
        WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL
       UNION ALL
       SELECT a.id, a.parent_account_id, down.depth + 1 FROM accounts_account a
         JOIN down ON a.parent_account_id = down.id
        WHERE a.tenant_id = $1 AND a.deleted_at IS NULL AND down.depth < $3
     )
     SELECT id, parent, depth FROM down ORDER BY depth, id LIMIT $4`,
    [ctx.tenant.id, root, MAX_DEPTH, MAX_NODES + 1],
  )
}

/** The readable ones among `ids`, read through the records service so the user's scope applies. */
async function readable(ctx: RequestContext, ids: string[]) {
  const out = new Map<string, Record<string, any>>()
  for (let i = 0; i < ids.length; i += 200) {
    const { data } = await ctx.records('accounts.account').list({
      filters: [{ field: 'id', op: 'in', value: ids.slice(i, i + 200) }],
      limit: 200,
    })
    for (const r of data) out.set(r.id, r)
  }
  return out
}

export async function accountHierarchy(ctx: RequestContext, id: string): Promise<Hierarchy> {
  // Refuses an account the user may not read (404) before anything else is looked at.
  await ctx.records('accounts.account').get(id)
  const root = await rootOf(ctx, id)
  const rows = await below(ctx, root)
  const truncated = rows.length > MAX_NODES
  const tree = rows.slice(0, MAX_NODES)
  const seen = await readable(
    ctx,
    tree.map((r) => r.id),
  )
  // Keep a hidden account only when a readable one sits below it (it joins them to the rest).
  const parentOf = new Map(tree.map((r) => [r.id, r.parent]))
  const kept = new Set<string>()
  for (const r of tree) {
    if (!seen.has(r.id)) continue
    for (let at: string | null | undefined = r.id; at && !kept.has(at); at = parentOf.get(at)) kept.add(at)
  }
  const nodes: HierarchyNode[] = tree
    .filter((r) => kept.has(r.id))
    .map((r) => {
      const rec = seen.get(r.id)
      const base = { id: r.id, parent: r.parent, depth: r.depth }
      return rec
        ? {
            ...base,
            title: rec._title ?? rec.name,
            number: rec.number ?? null,
            city: rec.billingAddress?.city ?? null,
          }
        : { ...base, restricted: true as const }
    })
  return { root: kept.has(root) ? root : id, focus: id, nodes, truncated }
}

export const routes: NonNullable<ServerPluginParts['routes']> = function routes(app) {
  app.get('/hierarchy/:id', async (c) => {
    const id = c.req.param('id')
    const ctx = c.get('ctx')
    // Not an id: no such account.
    return c.json(await accountHierarchy(ctx, UUID.test(id) ? id : uuidv7()))
  })
}
