/**
 * Builds the request context inside a tenant transaction: the user, their rights and the tenant's
 * enabled plugins, loaded in one round trip.
 * @module
 */
import type { AuthInfo, TenantInfo, UserInfo } from '../auth/auth-info'
import type { Queryable } from '../db/database'
import { uuidv7 } from '../db/uuid'
import { writeEvent } from '../events/outbox'
import { translate } from '../i18n/messages'
import { type NumberFormat, takeNumbers } from '../numbering/sequence'
import type { Locale } from '../plugin/define-plugin'
import { Access, type RoleGrants } from '../rights/access'
import type { Core } from '../server/core'
import type { RequestContext } from './context'
import { RecordsServiceImpl } from './records-service'
import type { CustomFieldRow } from './entity-model'
import { NotFoundError, UnauthorizedError } from '../errors'

const LOAD_SQL = `SELECT comptoir_context_version()::text AS context_version,
  (SELECT coalesce(json_agg(plugin_id), '[]'::json) FROM core_tenant_plugin WHERE tenant_id = $1 AND enabled) AS enabled,
  (SELECT row_to_json(u) FROM (SELECT id, email, name, is_admin, locale, status FROM core_user WHERE tenant_id = $1 AND id = $2) u) AS "user",
  (SELECT coalesce(json_agg(json_build_object('id', r.id, 'name', r.name, 'grants', r.grants, 'fields', r.fields)), '[]'::json)
     FROM core_user_role ur JOIN core_role r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id
     WHERE ur.tenant_id = $1 AND ur.user_id = $2) AS roles,
  (SELECT coalesce(json_agg(DISTINCT m2.user_id), '[]'::json) FROM core_team_member m1
     JOIN core_team_member m2 ON m2.tenant_id = m1.tenant_id AND m2.team_id = m1.team_id
     WHERE m1.tenant_id = $1 AND m1.user_id = $2) AS team,
  (SELECT coalesce(json_agg(json_build_object('entity', entity, 'name', name, 'type', type, 'label_fr', label_fr,
     'label_en', label_en, 'options', options, 'required', required) ORDER BY position, name), '[]'::json)
     FROM core_custom_field WHERE tenant_id = $1) AS custom_fields`

/** The identity used by seeds and background work when no user acts. */
export const SYSTEM_USER_ID = '00000000-0000-0000-0000-000000000000'

export interface ContextInput {
  core: Core
  tx: Queryable
  tenant: TenantInfo
  /** Absent: the system identity (admin rights, no owner). */
  userId?: string
  auth?: AuthInfo
  /** The session checked in this transaction: its identity replaces `auth` and `tenant`. */
  checked?: Promise<AuthInfo>
  /** The context as this process loaded it lately (`knownContext`), used as it is: nothing is read. */
  known?: KnownContext
  locale?: Locale
  ip?: string
}

export interface InternalContext extends RequestContext {
  readonly commitCallbacks: (() => Promise<void> | void)[]
  readonly wroteEvents: boolean
  /** The tenant's custom fields, loaded with the context. */
  readonly customFields: (CustomFieldRow & { entity: string })[]
}

interface Loaded {
  /** `core_tenant.context_version` in the snapshot the rest was read in. */
  context_version: string | null
  enabled: string[]
  user: any
  roles: RoleGrants[]
  team: string[]
  custom_fields: (CustomFieldRow & { entity: string })[]
}

/**
 * Contexts loaded lately, by tenant and user. Where the database tells whether anything was written
 * since (`Database.writes`, the embedded database), the rows are read again after any write. Elsewhere
 * each entry carries the tenant's `context_version` it was read with: a request may start from it only
 * if the version it reads in its own transaction is the same (`knownContext`).
 */
interface Cached {
  writes?: number
  rows: Loaded[]
}
const loadedCache = new WeakMap<object, Map<string, Cached>>()
const LOADED_MAX = 1000

/** A context loaded by this process, and the tenant's `context_version` it holds for. */
export interface KnownContext {
  version: string
  rows: readonly Loaded[]
}

function cacheOf(core: Core): Map<string, Cached> {
  let cache = loadedCache.get(core.db)
  if (!cache) {
    cache = new Map()
    loadedCache.set(core.db, cache)
  }
  return cache
}

function remember(cache: Map<string, Cached>, key: string, entry: Cached): void {
  if (cache.size >= LOADED_MAX && !cache.has(key)) cache.clear()
  cache.set(key, entry)
}

function load(core: Core, tx: Queryable, tenantId: string, userId: string): Promise<Loaded[]> {
  const writes = core.db.writes?.()
  const cache = cacheOf(core)
  const key = `${tenantId}:${userId}`
  if (writes !== undefined) {
    const hit = cache.get(key)
    if (hit?.writes === writes) return Promise.resolve(hit.rows)
  }
  return tx.query<Loaded>(LOAD_SQL, [tenantId, userId]).then((rows) => {
    remember(cache, key, { writes, rows })
    return rows
  })
}

/**
 * The context this process last loaded for a user, on a database that cannot tell its writes (PostgreSQL,
 * shared by other processes): to be trusted only once the tenant's `context_version` has been read again
 * in the request's transaction and found the same.
 */
export function knownContext(core: Core, tenantId: string, userId: string): KnownContext | undefined {
  if (core.db.writes) return undefined
  const hit = loadedCache.get(core.db)?.get(`${tenantId}:${userId}`)
  const version = hit?.rows[0]?.context_version
  return hit && version != null ? { version, rows: hit.rows } : undefined
}

/** Drops a context found out of date. */
export function forgetContext(core: Core, tenantId: string, userId: string): void {
  loadedCache.get(core.db)?.delete(`${tenantId}:${userId}`)
}

export async function createRequestContext(input: ContextInput): Promise<InternalContext> {
  const { core, tx } = input
  const system = !input.userId
  const loading = input.known
    ? Promise.resolve(input.known.rows)
    : load(core, tx, input.tenant.id, input.userId ?? SYSTEM_USER_ID)
  let auth = input.auth
  let tenant = input.tenant
  if (input.checked) {
    loading.catch(() => {}) // the check's refusal is the one to report
    auth = await input.checked
    tenant = auth.tenant
  }
  const [row] = await loading
  let user: UserInfo
  if (system) user = { id: SYSTEM_USER_ID, email: '', name: 'Comptoir', isAdmin: true, locale: tenant.locale }
  else {
    if (!row.user) throw new NotFoundError()
    if (row.user.status !== 'active') throw new UnauthorizedError('user-inactive')
    user = {
      id: row.user.id,
      email: row.user.email,
      name: row.user.name,
      isAdmin: row.user.is_admin,
      locale: row.user.locale,
    }
  }
  const access = new Access(user.id, user.isAdmin, row.roles ?? [], row.team ?? [])
  const enabled = new Set<string>(row.enabled ?? [])
  const locale = input.locale ?? user.locale ?? tenant.locale
  const services = new Map<string, RecordsServiceImpl>()
  const commitCallbacks: (() => Promise<void> | void)[] = []
  let wroteEvents = false
  const ctx: InternalContext = {
    core,
    tx,
    tenant,
    user: system ? { ...user, id: null as unknown as string } : user,
    auth,
    access,
    enabled,
    locale,
    ip: input.ip,
    commitCallbacks,
    customFields: row.custom_fields ?? [],
    get wroteEvents() {
      return wroteEvents
    },
    records(ref: string) {
      let s = services.get(ref)
      if (!s) {
        const entity = core.registry.entities.get(ref)
        if (!entity) throw new NotFoundError(`Unknown entity ${ref}`)
        s = new RecordsServiceImpl(ctx, entity)
        services.set(ref, s)
      }
      return s
    },
    async emit(event, payload) {
      // An event no installed plugin subscribes to is recorded as delivered already: no dispatch pass
      // has to wake up after the commit to find that nobody wants it.
      const delivered = !core.registry.subscribers.get(event)?.length
      if (!delivered) wroteEvents = true
      await writeEvent(tx, tenant.id, event, { ...payload, actor: system ? null : user.id }, { delivered })
    },
    async audit(event, detail = {}) {
      await tx.query(
        'INSERT INTO core_audit (tenant_id, id, actor_id, event, detail, ip) VALUES ($1, $2, $3, $4, $5::text::jsonb, $6)',
        [tenant.id, uuidv7(), system ? null : user.id, event, JSON.stringify(detail), input.ip ?? null],
      )
    },
    async nextNumber(key: string, opts: NumberFormat = {}) {
      return (await takeNumbers(tx, tenant.id, key, opts, 1, core.now()))[0]
    },
    t: (key, params) => translate(core.messages, locale, key, params),
    afterCommit(fn) {
      commitCallbacks.push(fn)
    },
  }
  // Writes by the system identity leave created_by/updated_by/owner empty.
  if (system) (access as { userId: string }).userId = SYSTEM_USER_ID
  return ctx
}
