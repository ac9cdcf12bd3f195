/**
 * The choices of the import wizard as plain data, apart from the screens: the mapping the user edits
 * (one field or none per column, starting from the server's proposal), what keeps it from being run,
 * and the figures of a running job (rows done, time left).
 * @module
 */
import type { ImportMode, ImportPreview } from '../api/import-api'

export interface MappingPlan {
  /** Field key for each column of the file, by position; null when the column is ignored. */
  fields: (string | null)[]
  mode: ImportMode
  /** Field rows are matched on, in update and upsert modes. */
  key: string
  createMissing: boolean
}

/** What a mapping lacks before it can run, as a message key and its parameters. */
export type PlanProblem =
  | { code: 'nothing' }
  | { code: 'twice'; field: string }
  | { code: 'keyNotMapped'; field: string }

/** The server's proposal: its mapping, create mode, and the first key the file fills (else `id`). */
export function initialPlan(p: ImportPreview): MappingPlan {
  const fields = p.columns.map((c) => c.field)
  const key = p.keys.find((k) => k.key !== 'id' && fields.includes(k.key))?.key ?? 'id'
  return { fields, mode: 'create', key, createMissing: false }
}

/** The mapping to send: every column of the file, so that the server remembers all of it. */
export function mappingOf(headers: string[], plan: MappingPlan): Record<string, string | null> {
  const out: Record<string, string | null> = {}
  headers.forEach((h, i) => {
    if (h !== '' && !Object.hasOwn(out, h)) out[h] = plan.fields[i] ?? null
  })
  return out
}

export function planProblems(plan: MappingPlan): PlanProblem[] {
  const chosen = plan.fields.filter((f): f is string => f !== null)
  const out: PlanProblem[] = []
  if (!chosen.length) out.push({ code: 'nothing' })
  const seen = new Set<string>()
  for (const f of chosen) {
    if (seen.has(f) && !out.some((p) => p.code === 'twice' && p.field === f))
      out.push({ code: 'twice', field: f })
    seen.add(f)
  }
  if (plan.mode !== 'create' && !chosen.includes(plan.key))
    out.push({ code: 'keyNotMapped', field: plan.key })
  return out
}

/** Whether the mapping fills a linked record by its name, number or SIRET (so missing ones can be created). */
export function fillsRelations(p: ImportPreview, plan: MappingPlan): boolean {
  return plan.fields.some((f) => f !== null && p.fields.find((x) => x.key === f)?.kind === 'ref')
}

/** `45 s`, `3 min 20 s`, `2 h 05 min`: the same units in French and English. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${s}\u00a0s`
  if (s < 3600) return `${Math.floor(s / 60)}\u00a0min ${String(s % 60).padStart(2, '0')}\u00a0s`
  return `${Math.floor(s / 3600)}\u00a0h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}\u00a0min`
}

/** Share of the rows done, 0 to 1 (1 when the total is unknown and the job has finished). */
export function progressShare(done: number, total: number, finished: boolean): number {
  if (total <= 0) return finished ? 1 : 0
  return Math.min(1, done / total)
}
