/**
 * Core's own tables. Tables without `tenant_id` are global (tenants, plans, the migration ledger,
 * login throttling, search configuration); every other table is tenant-scoped with forced RLS.
 * @module
 */
import { sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  boolean,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { tenantPolicy } from './tenant-policy'

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' })
const bytea = customType<{ data: Uint8Array }>({ dataType: () => 'bytea' })

export const coreTenant = pgTable('core_tenant', {
  id: uuid('id').primaryKey(),
  slug: text('slug').notNull().unique('core_tenant_slug_uq'),
  name: text('name').notNull(),
  plan: text('plan').notNull(),
  status: text('status').notNull().default('active'),
  locale: text('locale').notNull().default('fr'),
  createdAt: ts('created_at').notNull().defaultNow(),
  /**
   * Moves, by a trigger in the same transaction, whenever what a request's context is built from
   * changes: the tenant's plugins, users, roles, teams, custom fields (`comptoir_context_changed`).
   */
  contextVersion: bigint('context_version', { mode: 'number' }).notNull().default(0),
})

export const corePlan = pgTable('core_plan', {
  id: text('id').primaryKey(),
  plugins: text('plugins').array().notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
})

export const coreLoginAttempt = pgTable('core_login_attempt', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStart: ts('window_start').notNull().defaultNow(),
  lockedUntil: ts('locked_until'),
})

export const coreSearchConfig = pgTable('core_search_config', {
  entity: text('entity').primaryKey(),
  tableName: text('table_name').notNull(),
  expr: text('expr').notNull(),
})

const tenantCols = {
  tenantId: uuid('tenant_id').notNull(),
  id: uuid('id').notNull(),
}

function tenantKey(name: string) {
  return (t: { tenantId: any; id: any }) => [
    primaryKey({ name: `${name}_pkey`, columns: [t.tenantId, t.id] }),
  ]
}

function tenantFk(name: string, cols: any[], target: { tenantId: any; id: any }) {
  return foreignKey({ name, columns: cols as any, foreignColumns: [target.tenantId, target.id] })
}

export const coreTenantPlugin = pgTable(
  'core_tenant_plugin',
  {
    tenantId: uuid('tenant_id').notNull(),
    pluginId: text('plugin_id').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    changedAt: ts('changed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'core_tenant_plugin_pkey', columns: [t.tenantId, t.pluginId] }), tenantPolicy()],
).enableRLS()

export const coreUser = pgTable(
  'core_user',
  {
    ...tenantCols,
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    locale: text('locale').notNull().default('fr'),
    isAdmin: boolean('is_admin').notNull().default(false),
    status: text('status').notNull().default('active'),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastLoginAt: ts('last_login_at'),
    passwordChangedAt: ts('password_changed_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    ...tenantKey('core_user')(t),
    uniqueIndex('core_user_email_uq').on(t.tenantId, sql`lower(${t.email})`),
    index('core_user_email_idx').on(sql`lower(${t.email})`),
    tenantPolicy(),
  ],
).enableRLS()

export const coreTeam = pgTable(
  'core_team',
  { ...tenantCols, name: text('name').notNull(), createdAt: ts('created_at').notNull().defaultNow() },
  (t) => [
    ...tenantKey('core_team')(t),
    uniqueIndex('core_team_name_uq').on(t.tenantId, t.name),
    tenantPolicy(),
  ],
).enableRLS()

export const coreTeamMember = pgTable(
  'core_team_member',
  {
    tenantId: uuid('tenant_id').notNull(),
    teamId: uuid('team_id').notNull(),
    userId: uuid('user_id').notNull(),
  },
  (t) => [
    primaryKey({ name: 'core_team_member_pkey', columns: [t.tenantId, t.teamId, t.userId] }),
    tenantFk('core_team_member_team_fk', [t.tenantId, t.teamId], coreTeam),
    tenantFk('core_team_member_user_fk', [t.tenantId, t.userId], coreUser),
    index('core_team_member_user_idx').on(t.tenantId, t.userId),
    tenantPolicy(),
  ],
).enableRLS()

export const coreRole = pgTable(
  'core_role',
  {
    ...tenantCols,
    name: text('name').notNull(),
    template: text('template'),
    grants: jsonb('grants').notNull().default({}),
    fields: jsonb('fields').notNull().default({}),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    ...tenantKey('core_role')(t),
    uniqueIndex('core_role_name_uq').on(t.tenantId, t.name),
    tenantPolicy(),
  ],
).enableRLS()

export const coreUserRole = pgTable(
  'core_user_role',
  {
    tenantId: uuid('tenant_id').notNull(),
    userId: uuid('user_id').notNull(),
    roleId: uuid('role_id').notNull(),
  },
  (t) => [
    primaryKey({ name: 'core_user_role_pkey', columns: [t.tenantId, t.userId, t.roleId] }),
    tenantFk('core_user_role_user_fk', [t.tenantId, t.userId], coreUser),
    tenantFk('core_user_role_role_fk', [t.tenantId, t.roleId], coreRole),
    index('core_user_role_role_idx').on(t.tenantId, t.roleId),
    tenantPolicy(),
  ],
).enableRLS()

export const coreSession = pgTable(
  'core_session',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: text('id').notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastUsedAt: ts('last_used_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    primaryKey({ name: 'core_session_pkey', columns: [t.tenantId, t.id] }),
    tenantFk('core_session_user_fk', [t.tenantId, t.userId], coreUser),
    index('core_session_lookup_idx').on(t.id),
    index('core_session_user_idx').on(t.tenantId, t.userId),
    tenantPolicy(),
  ],
).enableRLS()

export const coreApiToken = pgTable(
  'core_api_token',
  {
    ...tenantCols,
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastUsedAt: ts('last_used_at'),
    expiresAt: ts('expires_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    ...tenantKey('core_api_token')(t),
    tenantFk('core_api_token_user_fk', [t.tenantId, t.userId], coreUser),
    index('core_api_token_lookup_idx').on(t.tokenHash),
    tenantPolicy(),
  ],
).enableRLS()

export const corePasswordReset = pgTable(
  'core_password_reset',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: text('id').notNull(),
    userId: uuid('user_id').notNull(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
  },
  (t) => [
    primaryKey({ name: 'core_password_reset_pkey', columns: [t.tenantId, t.id] }),
    tenantFk('core_password_reset_user_fk', [t.tenantId, t.userId], coreUser),
    index('core_password_reset_lookup_idx').on(t.id),
    tenantPolicy(),
  ],
).enableRLS()

export const coreAudit = pgTable(
  'core_audit',
  {
    ...tenantCols,
    at: ts('at').notNull().defaultNow(),
    actorId: uuid('actor_id'),
    event: text('event').notNull(),
    detail: jsonb('detail').notNull().default({}),
    ip: text('ip'),
  },
  (t) => [...tenantKey('core_audit')(t), index('core_audit_at_idx').on(t.tenantId, t.at), tenantPolicy()],
).enableRLS()

export const coreHistory = pgTable(
  'core_history',
  {
    ...tenantCols,
    entity: text('entity').notNull(),
    recordId: uuid('record_id').notNull(),
    at: ts('at').notNull().defaultNow(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    changes: jsonb('changes').notNull().default([]),
    note: jsonb('note'),
  },
  (t) => [
    ...tenantKey('core_history')(t),
    index('core_history_record_idx').on(t.tenantId, t.recordId, t.at),
    tenantPolicy(),
  ],
).enableRLS()

export const coreTrashEntry = pgTable(
  'core_trash_entry',
  {
    ...tenantCols,
    batchId: uuid('batch_id').notNull(),
    entity: text('entity').notNull(),
    recordId: uuid('record_id').notNull(),
    title: text('title').notNull(),
    root: boolean('root').notNull(),
    ownerId: uuid('owner_id'),
    deletedAt: ts('deleted_at').notNull().defaultNow(),
    deletedBy: uuid('deleted_by'),
  },
  (t) => [
    ...tenantKey('core_trash_entry')(t),
    index('core_trash_entry_at_idx').on(t.tenantId, t.deletedAt, t.id),
    index('core_trash_entry_batch_idx').on(t.tenantId, t.batchId),
    index('core_trash_entry_record_idx').on(t.tenantId, t.recordId),
    index('core_trash_entry_search_idx').using(
      'gin',
      t.tenantId,
      sql.raw(`(comptoir_unaccent(lower(title))) gin_trgm_ops`),
    ),
    tenantPolicy(),
  ],
).enableRLS()

export const coreLink = pgTable(
  'core_link',
  {
    ...tenantCols,
    kind: text('kind').notNull(),
    fromEntity: text('from_entity').notNull(),
    fromId: uuid('from_id').notNull(),
    toEntity: text('to_entity').notNull(),
    toId: uuid('to_id').notNull(),
    role: text('role'),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
    trashBatchId: uuid('trash_batch_id'),
  },
  (t) => [
    ...tenantKey('core_link')(t),
    uniqueIndex('core_link_uq').on(t.tenantId, t.kind, t.fromId, t.toId),
    index('core_link_to_idx').on(t.tenantId, t.toId),
    tenantPolicy(),
  ],
).enableRLS()

export const coreOutbox = pgTable(
  'core_outbox',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    event: text('event').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    deliveredAt: ts('delivered_at'),
    lastError: text('last_error'),
  },
  (t) => [
    primaryKey({ name: 'core_outbox_pkey', columns: [t.tenantId, t.id] }),
    index('core_outbox_pending_idx').on(t.nextAttemptAt).where(sql`delivered_at IS NULL`),
    tenantPolicy(),
  ],
).enableRLS()

export const coreJob = pgTable(
  'core_job',
  {
    ...tenantCols,
    queue: text('queue').notNull(),
    payload: jsonb('payload').notNull().default({}),
    status: text('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    runAt: ts('run_at').notNull().defaultNow(),
    lockedAt: ts('locked_at'),
    lockedBy: text('locked_by'),
    progress: jsonb('progress').notNull().default({}),
    result: jsonb('result'),
    lastError: text('last_error'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    ...tenantKey('core_job')(t),
    index('core_job_ready_idx').on(t.runAt).where(sql`status IN ('queued', 'running')`),
    index('core_job_tenant_idx').on(t.tenantId, t.queue, t.createdAt),
    tenantPolicy(),
  ],
).enableRLS()

export const coreSequence = pgTable(
  'core_sequence',
  {
    tenantId: uuid('tenant_id').notNull(),
    key: text('key').notNull(),
    period: text('period').notNull().default(''),
    next: integer('next').notNull().default(1),
  },
  (t) => [primaryKey({ name: 'core_sequence_pkey', columns: [t.tenantId, t.key, t.period] }), tenantPolicy()],
).enableRLS()

export const coreCustomField = pgTable(
  'core_custom_field',
  {
    ...tenantCols,
    entity: text('entity').notNull(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    labelFr: text('label_fr').notNull(),
    labelEn: text('label_en').notNull(),
    options: jsonb('options').notNull().default([]),
    required: boolean('required').notNull().default(false),
    position: integer('position').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    ...tenantKey('core_custom_field')(t),
    uniqueIndex('core_custom_field_uq').on(t.tenantId, t.entity, t.name),
    tenantPolicy(),
  ],
).enableRLS()

export const coreSavedView = pgTable(
  'core_saved_view',
  {
    ...tenantCols,
    userId: uuid('user_id'),
    entity: text('entity').notNull(),
    name: text('name').notNull(),
    config: jsonb('config').notNull().default({}),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    ...tenantKey('core_saved_view')(t),
    index('core_saved_view_idx').on(t.tenantId, t.entity),
    tenantPolicy(),
  ],
).enableRLS()

export const coreFile = pgTable(
  'core_file',
  {
    ...tenantCols,
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    /** `upload`: a user's file for a file field, purged daily once no record refers to it; `internal`: import chunks and reports. */
    kind: text('kind').notNull().default('internal'),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    ...tenantKey('core_file')(t),
    index('core_file_upload_idx').on(t.tenantId, t.createdAt).where(sql`kind = 'upload'`),
    tenantPolicy(),
  ],
).enableRLS()

export const coreSetting = pgTable(
  'core_setting',
  { tenantId: uuid('tenant_id').notNull(), key: text('key').notNull(), value: jsonb('value').notNull() },
  (t) => [primaryKey({ name: 'core_setting_pkey', columns: [t.tenantId, t.key] }), tenantPolicy()],
).enableRLS()

export const coreNotification = pgTable(
  'core_notification',
  {
    ...tenantCols,
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    link: text('link'),
    createdAt: ts('created_at').notNull().defaultNow(),
    readAt: ts('read_at'),
  },
  (t) => [
    ...tenantKey('core_notification')(t),
    index('core_notification_user_idx').on(t.tenantId, t.userId, t.createdAt),
    tenantPolicy(),
  ],
).enableRLS()
