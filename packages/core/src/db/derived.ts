/**
 * After migrations: what follows from the schema and the installed plugins' metadata, re-applied on every
 * migrate run (idempotent). The application role; forced RLS on every table that has `tenant_id`; the
 * application role's grants (tenant tables only); the search configuration of every entity.
 * @module
 */
import { StartupError } from '../errors'
import type { EntityDef } from '../entity/define-entity'
import { searchExpression } from '../entity/search-expression'
import { APP_ROLE, type Database } from './database'

const ENSURE_ROLE = `DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
    BEGIN
      CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END IF;
END $$`

export async function syncDerived(db: Database, entities: EntityDef[]): Promise<void> {
  await db.exec(ENSURE_ROLE)
  await db.system(async (tx) => {
    const [me] = await tx.query<{ name: string; bypass: boolean }>(
      'SELECT rolname AS name, (rolsuper OR rolbypassrls) AS bypass FROM pg_roles WHERE rolname = current_user',
    )
    if (!me.bypass) {
      throw new StartupError(
        `The database role "${me.name}" must be a superuser or have BYPASSRLS: it owns the schema and serves logins and background work across tenants. Requests run as ${APP_ROLE}, which cannot bypass row-level security.`,
      )
    }
    if (me.name !== APP_ROLE)
      await tx.query(`GRANT ${APP_ROLE} TO "${me.name.replace(/"/g, '""')}"`).catch(() => {})
    const tables = await tx.query<{ table_name: string }>(
      `SELECT c.relname AS table_name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
         AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)`,
    )
    await tx.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`)
    for (const { table_name } of tables) {
      const t = `"${table_name}"`
      await tx.query(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`)
      await tx.query(`ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`)
      await tx.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${t} TO ${APP_ROLE}`)
    }
    await tx.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`)
    await tx.query(`GRANT EXECUTE ON FUNCTION comptoir_search(text, text, integer, uuid[]) TO ${APP_ROLE}`)
    await tx.query(`GRANT EXECUTE ON FUNCTION comptoir_context_version() TO ${APP_ROLE}`)
    await tx.query('DELETE FROM core_search_config')
    for (const e of entities) {
      await tx.query('INSERT INTO core_search_config (entity, table_name, expr) VALUES ($1, $2, $3)', [
        e.ref,
        e.table,
        searchExpression(e),
      ])
    }
  })
}
