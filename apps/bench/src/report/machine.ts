/**
 * The machine a run measured: CPUs, memory, load, Node, and the PostgreSQL server's version and the
 * settings that move these figures.
 * @module
 */
import { cpus, loadavg, totalmem } from 'node:os'
import type postgres from 'postgres'

export interface Machine {
  cpus: number
  cpuModel: string
  memoryGb: number
  node: string
  postgres?: string
  settings?: Record<string, string>
  /** 1-minute load average at the start and the end of the run. */
  load: [number, number]
}

const SETTINGS = ['shared_buffers', 'work_mem', 'random_page_cost', 'jit', 'synchronous_commit']

export async function describeMachine(sql?: postgres.Sql): Promise<Machine> {
  const c = cpus()
  const m: Machine = {
    cpus: c.length,
    cpuModel: c[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    load: [loadavg()[0], Number.NaN],
  }
  if (sql) {
    const [v] = await sql<{ v: string }[]>`SELECT current_setting('server_version') AS v`
    m.postgres = v.v
    const rows = await sql<{ name: string; setting: string }[]>`
      SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY(${SETTINGS})`
    m.settings = Object.fromEntries(rows.map((r) => [r.name, r.setting]))
  }
  return m
}

export function endLoad(m: Machine): void {
  m.load[1] = loadavg()[0]
}
