/**
 * `createCore`: the running kernel — database, plugin registry, messages, job queue and outbox — and the
 * operations on tenants that everything else builds on.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pkg from '../../package.json'
import type { Database } from '../db/database'
import { syncDerived } from '../db/derived'
import { type Migration, type MigrationSource, migrate, pendingMigrations } from '../db/migrate'
import { createOutboxDispatcher, type OutboxDispatcher } from '../events/outbox'
import { coreMessages } from '../i18n/messages'
import { JobQueue } from '../jobs/queue'
import type { Locale, Messages } from '../plugin/define-plugin'
import { loadPlugins } from '../plugin/loader'
import type { Registry } from '../plugin/registry'
import type { OutboxEvent } from '../plugin/server-plugin'
import type { RequestContext } from '../records/context'
import {
  type ContextInput,
  createRequestContext,
  forgetContext,
  type InternalContext,
  knownContext,
} from '../records/create-context'
import { findTenant, syncPlans, type Plans } from '../tenancy/tenants'
import type { AuthInfo, TenantInfo } from '../auth/auth-info'
import type { SessionCheck } from '../auth/sessions'
import { ContextChangedError, NotFoundError } from '../errors'
import type { MailSettings } from '../mail/mailer'
import { RETENTION_QUEUE, scheduleTrashRetention, trashRetentionJob } from '../settings/trash-retention'

export const CORE_VERSION: string = pkg.version

export interface CoreConfig {
  /** Plan id → plugin ids (or `*` for every installed plugin). */
  plans: Plans
  /** Plan given to tenants created without one (the demo tenant, self-hosted installs). */
  defaultPlan: string
  /** Enables the platform operator API (`Authorization: Bearer <token>`). */
  platformToken?: string
  /** Public address, for links in e-mails. */
  publicUrl: string
  /** Session lifetime in days (sliding). */
  sessionDays: number
  /** Largest accepted request body, in bytes. */
  bodyLimit: number
  /** Largest uploaded file for a file field, in bytes (10 MiB by default). */
  fileLimit?: number
  /** Largest CSV file an import accepts, in bytes (64 MiB by default); its route has this limit. */
  importLimit?: number
  /** How long after it ended an import can be undone, in days (7 by default). */
  importUndoDays?: number
  /** Directory of the built web app, served with an SPA fallback. */
  webRoot?: string
  /** Behind a reverse proxy: take the client address from X-Real-IP / X-Forwarded-For. */
  trustProxy?: boolean
  /** Default outgoing mail when a tenant has not set its own. */
  mail?: MailSettings
}

export interface CreateCoreOptions {
  db: Database
  plugins: unknown[]
  config?: Partial<CoreConfig>
  now?: () => Date
}

export interface WithTenantOptions {
  userId?: string
  auth?: AuthInfo
  locale?: Locale
  ip?: string
  /**
   * A session to check first, in the same flight as `BEGIN`; the context then carries what it read. With
   * a context this process loaded lately for the same user, and the tenant's `context_version` the check
   * reads unchanged since, that context is used without reading it again (`fn` starts once the check is
   * back; see `speculate` for requests that start before).
   */
  sessionCheck?: SessionCheck
  /**
   * With `sessionCheck`, and a context this process loaded lately for the same user: `fn` starts at once
   * from that context, so that its first statements go out with `BEGIN` and the session check, whose
   * row also gives the tenant's `context_version`. Whatever `fn` returns or throws is kept only if the
   * session holds and neither the version nor the identity moved; otherwise the transaction is rolled
   * back and `ContextChangedError` thrown, for the caller to run it again without this option. For
   * requests whose work may be done twice: reads, and writes whose every effect is in the transaction
   * (nothing of them is committed before the check is back).
   */
  speculate?: boolean
}

export interface Core {
  readonly version: string
  readonly db: Database
  readonly registry: Registry
  readonly config: CoreConfig
  readonly messages: Record<Locale, Messages>
  readonly jobs: JobQueue
  readonly outbox: OutboxDispatcher
  now(): Date
  migrationSources(): MigrationSource[]
  pendingMigrations(): Promise<Migration[]>
  /** Applies pending migrations and re-syncs roles, RLS, grants, search configuration and plans. */
  migrate(): Promise<Migration[]>
  tenant(by: { id?: string; slug?: string }): Promise<TenantInfo>
  /** Runs `fn` in one transaction of the tenant, as the user (or the system identity). */
  withTenant<T>(tenantId: string, fn: (ctx: RequestContext) => Promise<T>, o?: WithTenantOptions): Promise<T>
  /** Delivers one outbox event to the subscribers of the tenant's enabled plugins. */
  deliver(event: OutboxEvent): Promise<void>
  start(): void
  stop(): Promise<void>
}

export const DEFAULT_CONFIG: CoreConfig = {
  plans: { essentiel: '*' },
  defaultPlan: 'essentiel',
  publicUrl: 'http://localhost:3000',
  sessionDays: 30,
  bodyLimit: 1024 * 1024,
}

export function createCore(o: CreateCoreOptions): Core {
  const registry = loadPlugins(CORE_VERSION, o.plugins)
  const config: CoreConfig = { ...DEFAULT_CONFIG, ...o.config }
  const messages: Record<Locale, Messages> = {
    fr: { ...coreMessages.fr, ...registry.messages.fr },
    en: { ...coreMessages.en, ...registry.messages.en },
  }
  const now = o.now ?? (() => new Date())
  const jobs = new JobQueue(o.db)
  const core: Core = {
    version: CORE_VERSION,
    db: o.db,
    registry,
    config,
    messages,
    jobs,
    outbox: undefined as unknown as OutboxDispatcher,
    now,
    migrationSources() {
      return [
        { plugin: 'core', folder: join(corePackageRoot(), 'drizzle') },
        ...registry.plugins
          .filter((p) => p.migrations)
          .map((p) => ({ plugin: p.manifest.id, folder: p.migrations! })),
      ]
    },
    pendingMigrations: () => pendingMigrations(o.db, core.migrationSources()),
    async migrate() {
      const applied = await migrate(o.db, core.migrationSources())
      await syncDerived(o.db, [...registry.entities.values()])
      await o.db.system((tx) => syncPlans(tx, config.plans, registry))
      return applied
    },
    async tenant(by) {
      const t = await o.db.system((tx) => findTenant(tx, by))
      if (!t) throw new NotFoundError('Unknown tenant')
      return t
    },
    async withTenant(tenantId, fn, w = {}) {
      const tenant = w.auth?.tenant ?? (await core.tenant({ id: tenantId }))
      let ctx!: InternalContext
      const check = w.sessionCheck
      const known =
        check && !check.rows && w.userId && w.auth ? knownContext(core, tenant.id, w.userId) : undefined
      const result = await o.db.tenant(
        tenant.id,
        async (tx, before) => {
          const build = (input: Pick<ContextInput, 'auth' | 'checked' | 'known'>) =>
            createRequestContext({ core, tx, tenant, userId: w.userId, locale: w.locale, ip: w.ip, ...input })
          if (known && check && before && !w.speculate) {
            // Nothing of `fn` goes out before the session is confirmed; the context this process knows
            // is used as it is when the tenant's version, read by the session check, has not moved.
            const rows = await before
            const auth = check.check(rows)
            const current = check.contextVersion(rows) === known.version
            if (!current) forgetContext(core, tenant.id, w.userId!)
            ctx = await build({
              auth: w.auth,
              checked: Promise.resolve(auth),
              known: current ? known : undefined,
            })
            return fn(ctx)
          }
          if (!(known && check && before && w.auth)) {
            ctx = await build({
              auth: w.auth,
              checked: check?.rows
                ? Promise.resolve(check.rows).then((rows) => check.check(rows))
                : check && before
                  ? before.then((rows) => check.check(rows))
                  : undefined,
            })
            return fn(ctx)
          }
          const started = w.auth
          const verified = before.then((rows) => {
            const auth = check.check(rows)
            if (check.contextVersion(rows) !== known.version || !sameIdentity(auth, started)) {
              forgetContext(core, tenant.id, w.userId!)
              throw new ContextChangedError()
            }
          })
          verified.catch(() => {}) // awaited below, whatever `fn` does
          const value = await (async () => {
            ctx = await build({ auth: started, known })
            return fn(ctx)
          })().catch(async (e: unknown) => {
            await verified // a refused session or a changed context is the answer, not `fn`'s error
            throw e
          })
          await verified
          return value
        },
        { userId: w.userId, before: check?.rows ? undefined : check?.statement },
      )
      for (const cb of ctx.commitCallbacks) await cb()
      if (ctx.wroteEvents) core.outbox.poke()
      return result
    },
    async deliver(event) {
      const subs = registry.subscribers.get(event.event) ?? []
      if (!subs.length) return
      const tenant = await core.tenant({ id: event.tenantId })
      const enabled = await o.db.tenant(tenant.id, (tx) =>
        tx.query<{ plugin_id: string }>(
          'SELECT plugin_id FROM core_tenant_plugin WHERE tenant_id = $1 AND enabled',
          [tenant.id],
        ),
      )
      const on = new Set(enabled.map((r) => r.plugin_id))
      for (const p of registry.plugins) {
        const s = p.subscribers?.[event.event]
        if (!s || !on.has(p.manifest.id)) continue
        await s(event, { withTenant: (fn) => core.withTenant(tenant.id, fn) })
      }
    },
    start() {
      core.outbox.start()
      jobs.start()
      void scheduleRetentionForAll(core).catch((e) =>
        console.error('Cannot schedule the trash retention:', e),
      )
    },
    async stop() {
      await core.outbox.stop()
      await jobs.stop()
    },
  }
  jobs.register(RETENTION_QUEUE, trashRetentionJob(core))
  ;(core as { outbox: OutboxDispatcher }).outbox = createOutboxDispatcher({
    db: o.db,
    deliver: (e) => core.deliver(e),
  })
  return core
}

/** Queues a first trash purge for every active tenant that has none waiting. */
async function scheduleRetentionForAll(core: Core): Promise<void> {
  const tenants = await core.db.system((tx) =>
    tx.query<{ id: string }>("SELECT id FROM core_tenant WHERE status = 'active'"),
  )
  for (const t of tenants) await core.withTenant(t.id, (ctx) => scheduleTrashRetention(ctx, core.now()))
}

/** The directory of `@comptoir/core` (its `drizzle/` folder sits there), from source or from `dist/`. */
function corePackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    const p = join(dir, 'package.json')
    if (existsSync(p) && JSON.parse(readFileSync(p, 'utf8')).name === '@comptoir/core') return dir
    dir = dirname(dir)
  }
  throw new Error('Cannot find the @comptoir/core package directory')
}

/** The same tenant and user, as the request's context shows them. */
function sameIdentity(a: AuthInfo, b: AuthInfo): boolean {
  return JSON.stringify([a.tenant, a.user]) === JSON.stringify([b.tenant, b.user])
}
