import { APP_ROLE } from '@comptoir/core/server'
import { createTestCore, type TestCore } from '@comptoir/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PLUGINS } from '../src/plugins'

let t: TestCore
beforeAll(async () => {
  t = await createTestCore({ plugins: PLUGINS, tenants: ['acme'] })
})
afterAll(() => t?.close())

const q = <T = any>(sql: string, params: unknown[] = []) => t.db.system((tx) => tx.query<T>(sql, params))

const TENANT_TABLES = `SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
    AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)`

/** Indexes read by the system path, which runs before the tenant is known or across tenants. */
const SYSTEM_LOOKUPS: Record<string, string> = {
  core_api_token_lookup_idx: 'an API token names its tenant only once found',
  core_session_lookup_idx: 'a session cookie names its tenant only once found',
  core_password_reset_lookup_idx: 'a reset link names its tenant only once found',
  core_user_email_idx: 'sign-in finds the workspaces of an e-mail address',
  core_job_ready_idx: 'the job queue claims due jobs of every tenant',
  core_outbox_pending_idx: 'the outbox delivers due events of every tenant',
}

/** Tables without a tenant: the tenants themselves, plans, login throttling, search settings, migration ledgers. */
const REFERENCE_TABLES = /^(core_tenant|core_plan|core_login_attempt|core_search_config|.*migrations?.*)$/

describe('database hygiene of the real plugins, read from the catalog', () => {
  it('the plugins own tenant tables: one per entity at least', async () => {
    const tables = (await q<{ relname: string }>(TENANT_TABLES)).map((r) => r.relname)
    for (const e of t.core.registry.entities.values()) expect(tables, e.ref).toContain(e.table)
  })

  it('the application role is no superuser, bypasses no RLS, owns nothing, inherits no owner', async () => {
    const [role] = await q(
      'SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = $1',
      [APP_ROLE],
    )
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false })
    const owned = await q(
      `SELECT c.relname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = $1
       UNION ALL SELECT p.proname FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner WHERE r.rolname = $1`,
      [APP_ROLE],
    )
    expect(owned).toEqual([])
    const memberOf = await q(
      `SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = $1`,
      [APP_ROLE],
    )
    expect(memberOf).toEqual([])
    const [schema] = await q<{ create: boolean }>(
      `SELECT has_schema_privilege($1, 'public', 'CREATE') AS create`,
      [APP_ROLE],
    )
    expect(schema.create).toBe(false)
  })

  it('a tenant transaction really runs as the application role, with the tenant set for it alone', async () => {
    const [inside] = await t.db.tenant(t.tenants.acme.id, (tx) =>
      tx.query<{ u: string; tenant: string }>(
        "SELECT current_user AS u, current_setting('app.tenant_id', true) AS tenant",
      ),
    )
    expect(inside).toEqual({ u: APP_ROLE, tenant: t.tenants.acme.id })
    const [after] = await q<{ tenant: string | null }>(
      "SELECT nullif(current_setting('app.tenant_id', true), '') AS tenant",
    )
    expect(after.tenant).toBeNull()
  })

  it('every tenant table has forced RLS and exactly the approved policy', async () => {
    const tables = await q<{ relname: string; rls: boolean; forced: boolean }>(
      `SELECT c.relname, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced FROM (${TENANT_TABLES}) x JOIN pg_class c ON c.oid = x.oid`,
    )
    expect(tables.filter((x) => !x.rls || !x.forced).map((x) => x.relname)).toEqual([])
    const policies = await q<{
      tablename: string
      qual: string
      with_check: string
      cmd: string
      permissive: string
      roles: string[]
    }>(
      `SELECT tablename, qual, with_check, cmd, permissive, roles::text[] AS roles FROM pg_policies WHERE schemaname = 'public'`,
    )
    const approved =
      /^\(tenant_id = \(NULLIF\(current_setting\('app\.tenant_id'::text, true\), ''::text\)\)::uuid\)$/
    const wrong = policies.filter(
      (p) =>
        p.cmd !== 'ALL' ||
        p.permissive !== 'PERMISSIVE' ||
        !approved.test(p.qual) ||
        !approved.test(p.with_check ?? ''),
    )
    expect(wrong).toEqual([])
    const counts = new Map<string, number>()
    for (const p of policies) counts.set(p.tablename, (counts.get(p.tablename) ?? 0) + 1)
    expect(tables.filter((x) => counts.get(x.relname) !== 1).map((x) => x.relname)).toEqual([])
  })

  it('every primary, unique and foreign key of a tenant table leads with tenant_id, on both sides', async () => {
    const keys = await q<{
      table: string
      name: string
      first: string
      ref_first: string | null
      type: string
    }>(`
      SELECT c.relname AS table, k.conname AS name, a.attname AS first, ra.attname AS ref_first, k.contype AS type
      FROM pg_constraint k JOIN (${TENANT_TABLES}) c ON c.oid = k.conrelid
      JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
      LEFT JOIN pg_attribute ra ON ra.attrelid = k.confrelid AND ra.attnum = k.confkey[1]
      WHERE k.contype IN ('p', 'u', 'f')`)
    expect(keys.filter((k) => k.type === 'p').length).toBeGreaterThanOrEqual(t.core.registry.entities.size)
    const bad = keys.filter((k) => k.first !== 'tenant_id' || (k.type === 'f' && k.ref_first !== 'tenant_id'))
    expect(bad.map((k) => `${k.table}.${k.name}`)).toEqual([])
  })

  it('every index of a tenant table leads with tenant_id, but the lookups made before a tenant is known', async () => {
    const indexes = await q<{ name: string; def: string }>(`
      SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def FROM pg_index x
      JOIN pg_class i ON i.oid = x.indexrelid JOIN (${TENANT_TABLES}) c ON c.oid = x.indrelid`)
    expect(indexes.length).toBeGreaterThan(30)
    const offTenant = indexes
      .filter((u) => !/USING \w+ \((tenant_id|"tenant_id")[,) ]/.test(u.def))
      .map((u) => u.name)
    expect(offTenant.filter((name) => !(name in SYSTEM_LOOKUPS))).toEqual([])
  })

  it('tables without a tenant are the known reference tables, and none points into a tenant table', async () => {
    const others = await q<{ relname: string }>(`
      SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.oid NOT IN (SELECT oid FROM (${TENANT_TABLES}) x)`)
    expect(others.map((o) => o.relname).filter((n) => !REFERENCE_TABLES.test(n))).toEqual([])
    const fks = await q<{ name: string }>(`
      SELECT k.conname AS name FROM pg_constraint k
      WHERE k.contype = 'f' AND k.confrelid IN (SELECT oid FROM (${TENANT_TABLES}) x)
        AND k.conrelid NOT IN (SELECT oid FROM (${TENANT_TABLES}) x)`)
    expect(fks).toEqual([])
  })

  it('no view can read around RLS, and every SECURITY DEFINER function pins its search_path', async () => {
    const views = await q(`SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm') AND NOT coalesce('security_invoker=true' = ANY(c.reloptions), false)`)
    expect(views).toEqual([])
    const definers = await q<{ name: string; config: string[] | null }>(`
      SELECT p.proname AS name, p.proconfig AS config FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND p.prosecdef`)
    expect(
      definers.filter((d) => !(d.config ?? []).some((c) => c.startsWith('search_path='))).map((d) => d.name),
    ).toEqual([])
  })

  it('without a tenant context, every tenant table of the plugins fails closed for the application role', async () => {
    const tables = (await q<{ relname: string }>(TENANT_TABLES)).map((r) => r.relname)
    for (const table of tables) {
      const [row] = await t.db.system(async (tx) => {
        await tx.query(`SELECT set_config('role', '${APP_ROLE}', true)`)
        // The table name comes from the catalog.
        return tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`)
      })
      expect(row.n, table).toBe(0)
    }
  })
})
