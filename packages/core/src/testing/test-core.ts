/**
 * `createTestCore`: core plus the given plugins, in-process (requests through `app.request`, no network),
 * on a migrated PGlite snapshot or a PostgreSQL template clone; tenants with an admin each; clients that
 * act as users with given roles.
 * @module
 */
import type { Hono } from 'hono'
import { uuidv7 } from '../db/uuid'
import type { Database } from '../db/database'
import type { AppEnv } from '../http/env'
import { createApp } from '../http/app'
import { createSession } from '../auth/sessions'
import { hashPassword } from '../auth/password'
import type { RoleTemplateId, Scope, FieldRule } from '../plugin/define-plugin'
import { type Core, type CoreConfig, createCore } from '../server/core'
import { createTenant } from '../tenancy/tenant-admin'
import { writeSetting } from '../settings/setting-store'
import { MAIL_SETTING } from '../settings/mail-settings'
import { createSmtpSink, type SmtpSink, type SmtpSinkOptions } from './smtp-sink'
import { createTestClock, type TestClock } from './test-clock'
import { openTestDatabase } from './test-database'
import { createTestOutbox, type TestOutbox } from './test-outbox'

export interface TestCoreOptions {
  plugins: unknown[]
  /** Tenant slugs to create (each with an admin); default `['acme', 'globex']`. */
  tenants?: string[]
  config?: Partial<CoreConfig>
  /** Where the clock starts, frozen (default: it follows real time until `clock.set`). */
  clock?: Date | string
  /** The time source the clock follows until set (kept for tests written before `clock`). */
  now?: () => Date
  /**
   * Start a real SMTP sink on loopback and make it every test tenant's mail server (and the server's
   * default); read what arrives with `mail.messages()` / `mail.next(to)`.
   */
  smtp?: boolean | SmtpSinkOptions
}

export interface TestUserOptions {
  /** Role templates to grant (as applied by the plugins). */
  roles?: RoleTemplateId[]
  /** A custom role. */
  grants?: Record<string, Scope>
  fields?: Record<string, FieldRule>
  admin?: boolean
  teamWith?: string[]
  email?: string
  name?: string
}

export interface TestResponse<T = any> {
  status: number
  body: T
  headers: Headers
}

export interface TestClient {
  readonly userId: string
  readonly tenantId: string
  request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<TestResponse<T>>
  get<T = any>(path: string): Promise<TestResponse<T>>
  post<T = any>(path: string, body?: unknown): Promise<TestResponse<T>>
  patch<T = any>(path: string, body?: unknown): Promise<TestResponse<T>>
  delete<T = any>(path: string): Promise<TestResponse<T>>
}

export interface TestTenant {
  id: string
  slug: string
  adminId: string
  adminEmail: string
  adminPassword: string
}

export interface TestCore {
  core: Core
  app: Hono<AppEnv>
  db: Database
  tenants: Record<string, TestTenant>
  /** The time `core.now()` answers: `now()`, `set(date)`, `advance(ms)`. */
  clock: TestClock
  /** Events committed so far (`events({ type, ref, id, tenant, pending })`) and `deliver()`. */
  outbox: TestOutbox
  /** The SMTP sink; only with `createTestCore({ smtp: true })`. */
  mail: SmtpSink
  /** A client acting as the tenant's admin, or as a new user with the given roles. */
  as(slug: string, user?: TestUserOptions): Promise<TestClient>
  /** A client without credentials. */
  anonymous(): TestClient
  close(): Promise<void>
}

export const TEST_ORIGIN = 'http://comptoir.test'
export const TEST_PASSWORD = 'correct horse battery staple'

function client(app: Hono<AppEnv>, cookie: string | undefined, userId: string, tenantId: string): TestClient {
  const request = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const h: Record<string, string> = { origin: TEST_ORIGIN, ...headers }
    if (cookie) h.cookie = `comptoir_session=${cookie}`
    let payload: BodyInit | undefined
    if (body !== undefined) {
      if (typeof body === 'string') payload = body
      else {
        payload = JSON.stringify(body)
        h['content-type'] ??= 'application/json'
      }
    }
    const res = await app.request(`${TEST_ORIGIN}${path}`, { method, headers: h, body: payload })
    const text = await res.text()
    let parsed: any = text
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {}
    return { status: res.status, body: parsed, headers: res.headers }
  }
  return {
    userId,
    tenantId,
    request,
    get: (p) => request('GET', p),
    post: (p, b) => request('POST', p, b ?? {}),
    patch: (p, b) => request('PATCH', p, b ?? {}),
    delete: (p) => request('DELETE', p),
  }
}

export async function createTestCore(o: TestCoreOptions): Promise<TestCore> {
  // Requests come through app.request, with no socket: clients say who they are with X-Real-IP.
  const clock = createTestClock(o.now)
  if (o.clock !== undefined) clock.set(o.clock)
  const sink = o.smtp ? await createSmtpSink(o.smtp === true ? {} : o.smtp) : undefined
  const config: Partial<CoreConfig> = {
    publicUrl: TEST_ORIGIN,
    trustProxy: true,
    ...(sink ? { mail: sink.settings() } : {}),
    ...o.config,
  }
  const make = (db: Database) => createCore({ db, plugins: o.plugins, config, now: clock.now })
  let opened: Awaited<ReturnType<typeof openTestDatabase>>
  try {
    opened = await openTestDatabase(make)
  } catch (e) {
    await sink?.close()
    throw e
  }
  const { db, core, drop } = opened
  await core.migrate()
  const app = createApp(core, { onUnexpectedError: (e) => console.error(e) })
  const tenants: Record<string, TestTenant> = {}
  for (const slug of o.tenants ?? ['acme', 'globex']) {
    const adminEmail = `admin@${slug}.test`
    const { tenantId, adminId } = await createTenant(core, {
      name: slug.toUpperCase(),
      slug,
      admin: { email: adminEmail, password: TEST_PASSWORD, name: `Admin ${slug}` },
    })
    tenants[slug] = { id: tenantId, slug, adminId, adminEmail, adminPassword: TEST_PASSWORD }
    if (sink) await core.withTenant(tenantId, (ctx) => writeSetting(ctx, MAIL_SETTING, sink.settings()))
  }
  let seq = 0
  const hash = await hashPassword(TEST_PASSWORD)
  return {
    core,
    app,
    db,
    tenants,
    clock,
    outbox: createTestOutbox(core, () => tenants),
    get mail(): SmtpSink {
      if (!sink) throw new Error('No SMTP sink: pass createTestCore({ smtp: true })')
      return sink
    },
    anonymous: () => client(app, undefined, '', ''),
    async as(slug, user) {
      const t = tenants[slug]
      if (!t) throw new Error(`No test tenant ${slug}`)
      let userId = t.adminId
      if (user) {
        userId = uuidv7()
        seq++
        await core.withTenant(t.id, async (ctx) => {
          await ctx.tx.query(
            'INSERT INTO core_user (tenant_id, id, email, name, password_hash, is_admin, locale) VALUES ($1, $2, $3, $4, $5, $6, $7)',
            [
              t.id,
              userId,
              user.email ?? `user${seq}-${userId.slice(-6)}@${slug}.test`,
              user.name ?? `User ${seq}`,
              hash,
              !!user.admin,
              'fr',
            ],
          )
          for (const template of user.roles ?? []) {
            const [r] = await ctx.tx.query<{ id: string }>(
              'SELECT id FROM core_role WHERE tenant_id = $1 AND template = $2',
              [t.id, template],
            )
            if (!r) {
              const known = await ctx.tx.query<{ template: string }>(
                'SELECT template FROM core_role WHERE tenant_id = $1 AND template IS NOT NULL ORDER BY template',
                [t.id],
              )
              throw new Error(
                `Unknown role template "${template}" in tenant ${slug} (known: ${known.map((k) => k.template).join(', ')})`,
              )
            }
            await ctx.tx.query(
              'INSERT INTO core_user_role (tenant_id, user_id, role_id) VALUES ($1, $2, $3)',
              [t.id, userId, r.id],
            )
          }
          if (user.grants || user.fields) {
            const roleId = uuidv7()
            await ctx.tx.query(
              'INSERT INTO core_role (tenant_id, id, name, grants, fields) VALUES ($1, $2, $3, $4::text::jsonb, $5::text::jsonb)',
              [
                t.id,
                roleId,
                `role-${roleId}`,
                JSON.stringify(user.grants ?? {}),
                JSON.stringify(user.fields ?? {}),
              ],
            )
            await ctx.tx.query(
              'INSERT INTO core_user_role (tenant_id, user_id, role_id) VALUES ($1, $2, $3)',
              [t.id, userId, roleId],
            )
          }
          if (user.teamWith?.length) {
            const teamId = uuidv7()
            await ctx.tx.query('INSERT INTO core_team (tenant_id, id, name) VALUES ($1, $2, $3)', [
              t.id,
              teamId,
              `team-${teamId}`,
            ])
            for (const m of [userId, ...user.teamWith]) {
              await ctx.tx.query(
                'INSERT INTO core_team_member (tenant_id, team_id, user_id) VALUES ($1, $2, $3)',
                [t.id, teamId, m],
              )
            }
          }
        })
      }
      const session = await db.system((tx) =>
        createSession(tx, t.id, userId, {}, { ttlDays: 30, now: core.now }),
      )
      return client(app, session.token, userId, t.id)
    },
    close: async () => {
      await core.stop()
      await drop()
      await sink?.close()
    },
  }
}
