import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, type TestCore } from '../src/testing'
import { APP_ROLE } from '../src/server'
import crm from './fixtures/crm/server'
import notes from './fixtures/notes/server'

let t: TestCore
beforeAll(async () => {
  t = await createTestCore({ plugins: [crm, notes] })
})
afterAll(() => t?.close())

const q = <T = any>(sql: string, params: unknown[] = []) => t.db.system((tx) => tx.query<T>(sql, params))

describe('database hygiene, read from the catalog', () => {
  it('the application role is neither superuser nor owner and cannot bypass RLS', async () => {
    const [role] = await q('SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = $1', [
      APP_ROLE,
    ])
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: false })
    const owned = await q(
      `SELECT c.relname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = $1`,
      [APP_ROLE],
    )
    expect(owned).toEqual([])
  })

  it('every table with tenant_id has forced RLS and only the approved policy', async () => {
    const tables = await q<{ relname: string; rls: boolean; forced: boolean }>(`
      SELECT c.relname, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r'
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)`)
    expect(tables.length).toBeGreaterThan(20)
    expect(tables.filter((x) => !x.rls || !x.forced).map((x) => x.relname)).toEqual([])
    const policies = await q<{ tablename: string; qual: string; with_check: string; cmd: string }>(
      `SELECT tablename, qual, with_check, cmd FROM pg_policies WHERE schemaname = 'public'`,
    )
    const approved =
      /^\(tenant_id = \(NULLIF\(current_setting\('app\.tenant_id'::text, true\), ''::text\)\)::uuid\)$/
    for (const table of tables) {
      const own = policies.filter((p) => p.tablename === table.relname)
      expect(own.length, table.relname).toBe(1)
      expect(own[0].cmd).toBe('ALL')
      expect(own[0].qual, table.relname).toMatch(approved)
      expect(own[0].with_check, table.relname).toMatch(approved)
    }
  })

  it('every primary, unique and foreign key of a tenant table leads with tenant_id', async () => {
    const keys = await q<{ table: string; name: string; first: string; type: string }>(`
      SELECT c.relname AS table, k.conname AS name, a.attname AS first, k.contype AS type
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
      WHERE n.nspname = 'public' AND k.contype IN ('p', 'u', 'f')
        AND EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = c.oid AND t.attname = 'tenant_id')`)
    expect(keys.length).toBeGreaterThan(20)
    expect(keys.filter((k) => k.first !== 'tenant_id').map((k) => `${k.table}.${k.name}`)).toEqual([])
    const uniques = await q<{ name: string; def: string }>(`
      SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def FROM pg_index x
      JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND x.indisunique
        AND EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = c.oid AND t.attname = 'tenant_id')`)
    expect(uniques.filter((u) => !/\((tenant_id|"tenant_id")[,)]/.test(u.def)).map((u) => u.name)).toEqual([])
  })

  it('every index of a tenant table leads with tenant_id, but the few lookups made before a tenant is known', async () => {
    const indexes = await q<{ table: string; name: string; def: string; unique: boolean; entity: boolean }>(`
      SELECT c.relname AS table, i.relname AS name, pg_get_indexdef(i.oid) AS def, x.indisunique AS unique,
             EXISTS (SELECT 1 FROM pg_attribute d WHERE d.attrelid = c.oid AND d.attname = 'deleted_at') AS entity
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT x.indisprimary
        AND EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = c.oid AND t.attname = 'tenant_id')`)
    expect(indexes.filter((i) => i.table === 'notes_task').length).toBeGreaterThan(3)
    const leading = /USING \w+ \((tenant_id|"tenant_id")[,)]/
    // Sign-in, session, token and reset lookups, and the cross-tenant queue and outbox workers.
    expect(
      indexes
        .filter((i) => !leading.test(i.def))
        .map((i) => i.name)
        .sort(),
    ).toEqual([
      'core_api_token_lookup_idx',
      'core_job_ready_idx',
      'core_outbox_pending_idx',
      'core_password_reset_lookup_idx',
      'core_session_lookup_idx',
      'core_user_email_idx',
    ])
    expect(indexes.filter((i) => i.entity && !leading.test(i.def)).map((i) => i.name)).toEqual([])
  })

  it('unique indexes of entity tables only count live records (partial on deleted_at IS NULL)', async () => {
    const uniques = await q<{ name: string; def: string }>(`
      SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def FROM pg_index x
      JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND x.indisunique AND NOT x.indisprimary
        AND EXISTS (SELECT 1 FROM pg_attribute d WHERE d.attrelid = c.oid AND d.attname = 'deleted_at')`)
    expect(uniques.map((u) => u.name)).toEqual(
      expect.arrayContaining(['crm_company_siren_uq', 'crm_company_number_uq']),
    )
    expect(uniques.filter((u) => !/ WHERE \(deleted_at IS NULL\)$/.test(u.def)).map((u) => u.def)).toEqual([])
  })

  it('fails closed: without a tenant context the application role sees no row and cannot write', async () => {
    await t.as('acme').then((c) => c.post('/api/v1/records/crm.company', { name: 'Visible' }))
    const rows = await t.db.system(async (tx) => {
      await tx.query(`SELECT set_config('role', '${APP_ROLE}', true)`)
      return tx.query('SELECT count(*)::int AS n FROM crm_company')
    })
    expect(rows[0].n).toBe(0)
    await expect(
      t.db.system(async (tx) => {
        await tx.query(`SELECT set_config('role', '${APP_ROLE}', true)`)
        await tx.query(`INSERT INTO crm_company (tenant_id, id, name) VALUES ($1, gen_random_uuid(), 'x')`, [
          t.tenants.acme.id,
        ])
      }),
    ).rejects.toThrow(/row-level security/)
  })

  it('a tenant transaction cannot read or write another tenant even with explicit ids', async () => {
    const acme = t.tenants.acme.id
    const globex = t.tenants.globex.id
    const seen = await t.db.tenant(globex, (tx) =>
      tx.query('SELECT count(*)::int AS n FROM crm_company WHERE tenant_id = $1', [acme]),
    )
    expect(seen[0].n).toBe(0)
    await expect(
      t.db.tenant(globex, (tx) =>
        tx.query(`INSERT INTO crm_company (tenant_id, id, name) VALUES ($1, gen_random_uuid(), 'x')`, [acme]),
      ),
    ).rejects.toThrow(/row-level security/)
  })
})
