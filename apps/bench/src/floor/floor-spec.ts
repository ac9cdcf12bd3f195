/**
 * What the floor server is told to serve: the database, and the statements the records engine ran for
 * each measured request, captured from its query log, to be run again by hand-written routes.
 * @module
 */

export interface FloorStep {
  text: string
  params: unknown[]
  /** Position of the record id among `params`, when the route takes an id in its path. */
  idParam?: number
}

/** Statements run in one tenant transaction, pipelined; the first one's rows are the answer. */
export interface FloorStatement {
  tenantId: string
  userId: string
  steps: FloorStep[]
}

export interface FloorSpec {
  /** PostgreSQL URL; absent when only the database-free routes are served (PDF, health). */
  databaseUrl?: string
  statements: Record<string, FloorStatement>
  /** Tenant and user of the write routes. */
  writer?: { tenantId: string; userId: string }
}
