/**
 * The floor: a bare Hono app with hand-written postgres.js routes, doing what the design asks of any
 * route (tenant context set transaction-locally, as the application role, under row-level security) and
 * nothing else, with the tenant context pipelined into the same round trip as the statement.
 * @module
 */
import { APP_ROLE, uuidv7 } from '@comptoir/core/server'
import { Hono } from 'hono'
import postgres from 'postgres'
import { barePdfPage } from './bare-pdf'
import type { FloorSpec, FloorStatement } from './floor-spec'

const CONTEXT = `SELECT set_config('role', '${APP_ROLE}', true), set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)`

export function createFloorApp(spec: FloorSpec): { app: Hono; close(): Promise<void> } {
  const app = new Hono()
  const sql = spec.databaseUrl
    ? postgres(spec.databaseUrl, {
        max: 10,
        onnotice: () => {},
        connection: { application_name: 'comptoir-floor' },
      })
    : null

  function inTenant(s: { tenantId: string; userId: string }, steps: { text: string; params: unknown[] }[]) {
    if (!sql) throw new Error('No database')
    return sql.begin((tx) => [
      tx.unsafe(CONTEXT, [s.tenantId, s.userId], { prepare: true }),
      ...steps.map((step) => tx.unsafe(step.text, step.params as any[], { prepare: true })),
    ]) as unknown as Promise<Record<string, unknown>[][]>
  }

  app.get('/health', (c) => c.json({ status: 'ok', version: '0.0.0' }))

  app.get('/pdf', async (c) =>
    c.body((await barePdfPage()) as unknown as ArrayBuffer, 200, { 'content-type': 'application/pdf' }),
  )

  app.get('/sql/:name/:id?', async (c) => {
    const s: FloorStatement | undefined = spec.statements[c.req.param('name')]
    if (!s) return c.json({ error: 'unknown statement' }, 404)
    const id = c.req.param('id')
    const steps = s.steps.map((step) => {
      const params = [...step.params]
      if (id && step.idParam !== undefined) params[step.idParam] = id
      return { text: step.text, params }
    })
    const [, rows, ...more] = await inTenant(s, steps)
    return c.json({ data: rows, more })
  })

  app.patch('/contacts/:id', async (c) => {
    const body = (await c.req.json()) as { title: string }
    const [, rows] = await inTenant(spec.writer!, [
      {
        text: `UPDATE contacts_contact SET title = $3, updated_by = $4, updated_at = now(), version = version + 1
               WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL RETURNING id, version`,
        params: [spec.writer!.tenantId, c.req.param('id'), body.title, spec.writer!.userId],
      },
    ])
    return c.json(rows[0])
  })

  app.post('/contacts', async (c) => {
    const body = (await c.req.json()) as { firstName: string; lastName: string; email: string }
    const [, rows] = await inTenant(spec.writer!, [
      {
        text: `INSERT INTO contacts_contact (tenant_id, id, owner_id, created_by, updated_by, first_name, last_name, email)
               VALUES ($1, $2, $3, $3, $3, $4, $5, $6) RETURNING id, version`,
        params: [
          spec.writer!.tenantId,
          uuidv7(),
          spec.writer!.userId,
          body.firstName,
          body.lastName,
          body.email,
        ],
      },
    ])
    return c.json(rows[0], 201)
  })

  return { app, close: async () => void (await sql?.end({ timeout: 5 })) }
}
