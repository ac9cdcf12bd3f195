import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const lint = (...dirs: string[]) =>
  spawnSync(process.execPath, [join(root, 'scripts/lint-sql.mjs'), ...dirs], { cwd: root, encoding: 'utf8' })

/** Each line breaks exactly one rule. */
const OFFENDERS = `
r.get('/', async (c) => {
  const sort = c.req.query('sort')
  const order = \`\${sort} DESC\`
  const limit = c.req.query('limit') ? Number(c.req.query('limit')) : 50
  await ctx.tx.query(\`SELECT * FROM t ORDER BY \${order} LIMIT \${limit}\`)
  await ctx.tx.query('SELECT * FROM t WHERE a = ' + sort)
  await ctx.tx.query(\`SELECT * FROM t WHERE a = \${p.add(sort)}\`)
  await tx.query("SET app.tenant_id = 'x'")
  await tx.query('SET ROLE comptoir_app')
  await tx.query(\`SELECT set_config('app.tenant_id', $1, false)\`)
  await tx.query(\`SELECT set_config('app.tenant_id', $1, true)\`)
  await tx.query('SET LOCAL statement_timeout = 1000')
  await sql.unsafe('SELECT 1')
  await db.execute(sql.raw(order))
  await db.execute(sql.raw('SELECT 1'))
})
`

describe('SQL lint (scripts/lint-sql.mjs, part of npm run lint)', () => {
  it('finds nothing in the code that serves tenants', () => {
    const r = lint()
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })

  it('catches session SET, set_config(…, false), request data in SQL text or sql.raw, and raw unsafe calls', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-sql-'))
    try {
      writeFileSync(join(dir, 'routes.ts'), OFFENDERS)
      const r = lint(dir)
      expect(r.status).toBe(1)
      const found = r.stderr
        .trim()
        .split('\n')
        .map((l) =>
          l
            .split(/\s{2,}/)
            .slice(0, 2)
            .join(' ')
            .replace(/^.*routes\.ts:/, ''),
        )
      expect(found.sort()).toEqual(
        [
          '6 request-data-sql',
          '7 request-data-sql',
          '9 session-set',
          '10 session-set',
          '11 set-config-session',
          '14 unsafe-outside-db',
          '15 request-data-sql',
        ].sort(),
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
