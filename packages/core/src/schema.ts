/**
 * `@comptoir/core/schema`: what a plugin's `src/schema.ts` needs for drizzle-kit (entity tables, the tenant
 * policy) and core's own tables.
 * @module
 */
export { entityTable } from './schema/entity-table'
export { tenantPolicy, TENANT_PREDICATE } from './schema/tenant-policy'
export * from './schema/core-tables'
