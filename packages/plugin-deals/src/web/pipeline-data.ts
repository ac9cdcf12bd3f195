/**
 * The pipeline's data, as pure functions: deals grouped into one column per stage (in the stages'
 * order) with each column's count and exact sum of amounts, and the address parameters the pipeline
 * shares with the deals list (`q` and `f`, the list's filter rows).
 * @module
 */
import { type FilterRow, sumDecimals } from '@comptoir/core/web'

export interface Stage {
  id: string
  name: string
  position: number
  kind: string
  probability?: string | null
}

export interface Ref {
  id: string
  title?: string
}

export interface Deal {
  id: string
  version: number
  name: string
  stage: Ref
  account?: Ref | null
  amount?: string | null
  closeDate?: string | null
  lostReason?: string | null
  owner?: Ref | null
}

/** The user's reach for changing deals, as the bootstrap gives it (`can.update`). */
export type UpdateScope = 'all' | 'team' | 'own' | 'none' | undefined

/**
 * Whether the board offers to move a deal: a user limited to their own deals only gets their own
 * cards. A team's deals stay movable for a team-scoped user (the server checks the team).
 */
export function mayMove(scope: UpdateScope, userId: string, deal: Deal): boolean {
  if (scope === 'all' || scope === 'team') return true
  if (scope === 'own') return deal.owner?.id === userId
  return false
}

export interface Column {
  stage: Stage
  deals: Deal[]
  /** Sum of the column's amounts, as an exact decimal string. */
  total: string
}

/** Earliest close date first, deals without one last, then by name. */
function byCloseDate(a: Deal, b: Deal): number {
  const x = a.closeDate ?? '9999-12-31'
  const y = b.closeDate ?? '9999-12-31'
  return x === y ? a.name.localeCompare(b.name) : x < y ? -1 : 1
}

export function buildColumns(stages: readonly Stage[], deals: readonly Deal[]): Column[] {
  return [...stages]
    .sort((a, b) => a.position - b.position)
    .map((stage) => {
      const mine = deals.filter((d) => d.stage?.id === stage.id).sort(byCloseDate)
      return { stage, deals: mine, total: sumDecimals(mine.map((d) => d.amount)) }
    })
}

/** The deal as it is once moved to `stage`, before the server answers. */
export function movedDeal(deal: Deal, stage: Stage, extra: { lostReason?: string } = {}): Deal {
  return { ...deal, stage: { id: stage.id, title: stage.name }, ...extra }
}

/** The list's filter rows from the address (`f`), as the deals list writes them. */
export function parseFilters(raw: string | undefined): FilterRow[] {
  if (!raw) return []
  try {
    const rows = JSON.parse(raw)
    return Array.isArray(rows)
      ? rows.filter((r) => r && typeof r.field === 'string' && typeof r.op === 'string')
      : []
  } catch {
    return []
  }
}

/** `?q=…&f=…`: the address parameters of a list or pipeline showing `q` and `filters`. */
export function viewQuery(q: string | undefined, filters: readonly FilterRow[]): string {
  const p = new URLSearchParams()
  if (q?.trim()) p.set('q', q.trim())
  if (filters.length) p.set('f', JSON.stringify(filters))
  const s = p.toString()
  return s ? `?${s}` : ''
}
