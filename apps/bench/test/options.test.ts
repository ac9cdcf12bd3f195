import { describe, expect, it } from 'vitest'
import { parseOptions } from '../src/options'
import { Report } from '../src/report/report'

describe('--only', () => {
  it('runs the named measures only, and then leaves docs/performance.md alone', async () => {
    const opts = parseOptions(['--quick', '--only', 'export,pglite'], { DATABASE_URL: 'postgres://x' })
    expect(opts.writeDocs).toBe(false)
    const report = new Report(opts.only)
    const ran: string[] = []
    for (const name of ['export', 'import', 'pglite', 'pglite_health', 'cold_start'])
      await report.attempt(name, () => void ran.push(name))
    expect(ran).toEqual(['export', 'pglite', 'pglite_health'])
    expect(parseOptions(['--quick'], { DATABASE_URL: 'postgres://x' }).writeDocs).toBe(true)
  })

  it('names the measures it knows when given another', () => {
    expect(() => parseOptions(['--only', 'exports'], { DATABASE_URL: 'postgres://x' })).toThrow(
      /--only takes measures among .*export.*\(not exports\)/,
    )
  })
})
