/**
 * What every measure receives: the schedule, the report, the running Comptoir server and floor server,
 * the measured scenario, the captured statements and a direct connection for the SQL floors.
 * @module
 */
import type { Captured } from './capture'
import type { SeededData } from './data/seed'
import type { Schedule } from './load/interleave'
import type { FloorProcess } from './procs/floor-process'
import type { ServerProcess } from './procs/server-process'
import type { Report } from './report/report'
import type { Scenario } from './scenario'

export interface BenchContext {
  schedule: Schedule
  report: Report
  log(line: string): void
  server: ServerProcess
  floor: FloorProcess
  scenario: Scenario
  captured: Captured
  data: SeededData
  /** URL of the measured database (owner), for the SQL floors, COPY and pgbench. */
  url: string
  /** pgbench is installed. */
  pgbench: boolean
}
