/**
 * The server part of a plugin: migrations, routes, action handlers, hooks, event subscribers, PDF templates
 * and per-tenant seeds. Everything here runs through the records engine, so tenancy and rights apply.
 * @module
 */
import type { Hono } from 'hono'
import type { RecordData } from '../entity/define-entity'
import type { PluginManifest } from './define-plugin'
import type { AppEnv } from '../http/env'
import type { RequestContext } from '../records/context'
import type { PdfTemplateDef } from '../pdf/templates'

export interface ActionInput {
  record: RecordData
  body: any
}

/** Runs inside the request's transaction: throw a ComptoirError to refuse; everything rolls back. */
export type ActionHandler = (ctx: RequestContext, input: ActionInput) => Promise<unknown>

export type HookStage = 'beforeCreate' | 'beforeUpdate' | 'beforeDelete' | 'afterCreate' | 'afterUpdate'

/**
 * A filter hook: runs inside the transaction, may change `data` (before*) or reject with a ComptoirError.
 * `after*` hooks run inside the transaction too, after the write (for derived writes).
 */
export type FilterHook = (
  ctx: RequestContext,
  args: { entity: string; data: RecordData; before?: RecordData; id?: string },
) => Promise<void> | void

export interface OutboxEvent {
  id: number
  tenantId: string
  event: string
  payload: any
}

/** An action hook: runs after commit, at least once, from the outbox. */
export type EventSubscriber = (event: OutboxEvent, services: SubscriberServices) => Promise<void>

export interface SubscriberServices {
  /** Runs `fn` in a transaction of the event's tenant as the system user. */
  withTenant<T>(fn: (ctx: RequestContext) => Promise<T>): Promise<T>
}

export interface SeedContext {
  ctx: RequestContext
  tenantId: string
}

export interface ServerPluginParts {
  /** The plugin's drizzle-kit folder: `new URL('../../drizzle', import.meta.url)`. */
  migrations?: string | URL
  routes?: (app: Hono<AppEnv>) => void
  /** Keyed by `<entity>.<actionId>`. */
  actions?: Record<string, ActionHandler>
  /** Keyed by `<ref>.<stage>`, e.g. `deals.deal.beforeUpdate`. */
  hooks?: Record<string, FilterHook>
  /** Keyed by event name, e.g. `accounts.account.deleted`. */
  subscribers?: Record<string, EventSubscriber>
  /** Idempotent per-tenant defaults, run when the plugin is enabled for a tenant. */
  seed?: (s: SeedContext) => Promise<void>
  /** PDF templates for this plugin's entities (or, with `dependsOn`, for others'). */
  pdfTemplates?: PdfTemplateDef[]
  /** Demo data, run once for the demo tenant. */
  demo?: (s: SeedContext) => Promise<void>
}

export interface ServerPlugin<M extends PluginManifest = PluginManifest> extends ServerPluginParts {
  readonly $$type: '@comptoir/ServerPlugin'
  manifest: M
}

/**
 * Declares a plugin's server part.
 * @example
 * export default defineServerPlugin(manifest, { migrations: new URL('../../drizzle', import.meta.url) })
 */
export function defineServerPlugin<M extends PluginManifest>(
  manifest: M,
  parts: ServerPluginParts,
): ServerPlugin<M> {
  return { ...parts, $$type: '@comptoir/ServerPlugin', manifest }
}

export function isServerPlugin(x: unknown): x is ServerPlugin {
  return (
    typeof x === 'object' &&
    x !== null &&
    (x as ServerPlugin).$$type === '@comptoir/ServerPlugin' &&
    (x as ServerPlugin).manifest?.$$type === '@comptoir/Plugin'
  )
}
