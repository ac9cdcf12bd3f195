/**
 * `EXPLAIN (FORMAT JSON)` of a recorded statement, run in the same kind of transaction it ran in (tenant
 * statements as the application role under row-level security), and the plan's shape in one line.
 * @module
 */
import type { Database, Queryable } from '@comptoir/core/server'
import type { LoggedQuery } from './query-log'

export interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  'Function Name'?: string
  'Index Cond'?: string
  Plans?: PlanNode[]
}

export interface ExplainedQuery {
  query: LoggedQuery
  plan: PlanNode
  /** `Limit → Index Scan (contacts_contact_list_idx)`, children in brackets. */
  shape: string
  /** Tables read by a sequential scan. */
  seqScans: string[]
}

const EXPLAINABLE = /^\s*(SELECT|WITH|INSERT|UPDATE|DELETE)\b/i

export function isExplainable(q: LoggedQuery): boolean {
  return EXPLAINABLE.test(q.text) && !/^\s*SELECT\s+set_config\(/i.test(q.text)
}

function label(n: PlanNode): string {
  const on = n['Index Name'] ?? n['Relation Name'] ?? n['Function Name']
  return on ? `${n['Node Type']} (${on})` : n['Node Type']
}

/** One line: a chain for single children, brackets for several. */
export function planShape(n: PlanNode): string {
  const kids = n.Plans ?? []
  if (kids.length === 0) return label(n)
  if (kids.length === 1) return `${label(n)} → ${planShape(kids[0])}`
  return `${label(n)} [${kids.map(planShape).join('; ')}]`
}

export function seqScansOf(n: PlanNode, out: string[] = []): string[] {
  if (n['Node Type'] === 'Seq Scan' && n['Relation Name']) out.push(n['Relation Name'])
  for (const k of n.Plans ?? []) seqScansOf(k, out)
  return out
}

export async function explain(db: Database, q: LoggedQuery): Promise<ExplainedQuery> {
  const run = (tx: Queryable) => tx.query(`EXPLAIN (FORMAT JSON) ${q.text}`, q.params)
  const rows = q.tenantId ? await db.tenant(q.tenantId, run) : await db.system(run)
  const raw = Object.values(rows[0])[0]
  const doc = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[]
  const plan = doc[0].Plan
  return { query: q, plan, shape: planShape(plan), seqScans: seqScansOf(plan) }
}
