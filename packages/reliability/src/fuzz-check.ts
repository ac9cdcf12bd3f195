/**
 * One fuzz case and its verdict, shared by the bad-input tests: never a 5xx, every refusal a problem
 * document (naming a sent field when it is a 422), and a refused request writes nothing (the row count of
 * every tenant table, audit and jobs included, and the numbering sequences are unchanged). `property` runs a fast-check property for `runs` cases and reports the
 * first counterexample shortly (a case may hold a 1 MB string).
 * @module
 */
import type { Database } from '@comptoir/core/server'
import fc from 'fast-check'
import { problemFault } from './problem-check'
import type { Answer } from './session-client'
import { tenantTables } from './tenant-fingerprint'

/** Row counts of every tenant table, and the numbering sequences' sum, in one statement. */
async function rowCounter(db: Database, tenantId: string, tables: string[]): Promise<string> {
  const counts = tables.map((t) => `(SELECT count(*) FROM "${t}" WHERE tenant_id = $1)`)
  const [r] = await db.tenant(tenantId, (tx) =>
    tx.query<{ w: string }>(
      `SELECT concat_ws(':', ${counts.join(', ')},
         (SELECT coalesce(sum(next), 0) FROM core_sequence WHERE tenant_id = $1)) AS w`,
      [tenantId],
    ),
  )
  return r.w
}

export interface Fuzz {
  /** Cases run per label. */
  counts: Record<string, number>
  /** `audited`: the endpoint records refusals on purpose (failed sign-ins go to the audit log). */
  check(
    label: string,
    send: () => Promise<Answer>,
    sentKeys: string[] | null,
    audited?: boolean,
  ): Promise<Answer>
  property<T>(arb: fc.Arbitrary<T>, run: (v: T) => Promise<void>): Promise<void>
}

export function createFuzz(db: Database, tenantId: string, runs: number): Fuzz {
  const counts: Record<string, number> = {}
  let written = ''
  let tables: string[] | undefined
  const writeCounter = async (d: Database, tenant: string) => {
    tables ??= await tenantTables(d)
    return rowCounter(d, tenant, tables)
  }
  return {
    counts,
    async check(label, send, sentKeys, audited = false) {
      counts[label] = (counts[label] ?? 0) + 1
      written ||= await writeCounter(db, tenantId)
      const r = await send()
      const fault = problemFault(r, sentKeys)
      if (fault) throw new Error(`${label}: ${fault}`)
      const after = await writeCounter(db, tenantId)
      if (r.status >= 400 && after !== written && !audited) {
        written = after
        throw new Error(`${label}: a refused request (${r.status}) wrote something`)
      }
      written = after
      return r
    },
    property: (arb, run) =>
      fc.assert(fc.asyncProperty(arb, run), {
        numRuns: runs,
        endOnFailure: true,
        asyncReporter: async (out) => {
          if (!out.failed) return
          const cause =
            out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance)
          throw new Error(
            `${fc.defaultReportMessage(out)}\nCaused by: ${cause}`.replace(/(.{300})[^\n]{300,}/g, '$1…'),
          )
        },
      }),
  }
}
