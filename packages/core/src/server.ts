/**
 * `@comptoir/core/server`: the kernel, the HTTP application, the database adapters and everything a
 * plugin's server part uses.
 * @module
 */
export { createCore, CORE_VERSION, DEFAULT_CONFIG } from './server/core'
export type { Core, CoreConfig, CreateCoreOptions, WithTenantOptions } from './server/core'
export { createApp } from './http/app'
export type { AppEnv } from './http/env'
export { readJson } from './http/request'
export { problemResponse, toProblem, PROBLEM_BASE } from './http/problem'
export { createPgliteDatabase, lockDataDir } from './db/pglite'
export { createPostgresDatabase } from './db/postgres'
export type { Database, Queryable, Row } from './db/database'
export { APP_ROLE } from './db/database'
export { readMigrations, pendingMigrations } from './db/migrate'
export { uuidv7 } from './db/uuid'
export { defineServerPlugin, isServerPlugin } from './plugin/server-plugin'
export type {
  ActionHandler,
  EventSubscriber,
  FilterHook,
  OutboxEvent,
  SeedContext,
  ServerPlugin,
  ServerPluginParts,
} from './plugin/server-plugin'
export { loadPlugins } from './plugin/loader'
export type { Registry, ResolvedEntity } from './plugin/registry'
export type { RequestContext } from './records/context'
export { moveRelated } from './records/move-related'
export type { MoveRelatedResult, RecordRef } from './records/move-related'
export type {
  Filter,
  FilterOp,
  HistoryEntry,
  HistoryInput,
  ListQuery,
  ListResult,
  RecordsService,
  SortKey,
  WriteOptions,
} from './records/types'
export type { Bootstrap, EntityMeta, FieldMeta } from './records/metadata-types'
export { createTenant, enablePlugins, disablePlugin } from './tenancy/tenant-admin'
export type { NewTenant } from './tenancy/tenant-admin'
export type { Plans } from './tenancy/tenants'
export { hashPassword, verifyPassword, checkPasswordPolicy } from './auth/password'
export { sendMail } from './mail/mailer'
export type { MailSettings, MailMessage } from './mail/mailer'
export { Access } from './rights/access'
export {
  BadRequestError,
  ComptoirError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  StartupError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
} from './errors'
export type { FieldError } from './errors'
export { PdfWriter } from './pdf/pdf-writer'
export type { TableColumn } from './pdf/pdf-writer'
export type { PdfTemplateDef } from './pdf/templates'
export { formatValue } from './pdf/record-sheet'
export { createRandom } from './server/random'
export type { Random } from './server/random'
export { notify } from './notifications/notify'
export type { NewNotification } from './notifications/notify'
export { RETENTION_QUEUE } from './settings/trash-retention'
export { registerImportJobs, DEFAULT_IMPORT_SETTINGS } from './import/register'
export type { ImportSettings } from './import/register'
