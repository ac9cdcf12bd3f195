/**
 * `runPluginConformance`: the checks every plugin passes, for each of its entities — manifest, migrations,
 * RLS, CRUD, related lists, trash, restore, purge, rights, scopes, tenant isolation, metadata, i18n, seeds
 * and plan gating. Call it at the top level of a vitest file.
 * @module
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readMigrations } from '../db/migrate'
import { i18nKeys } from '../i18n/keys'
import { loadPlugins } from '../plugin/loader'
import type { ServerPlugin } from '../plugin/server-plugin'
import { CORE_VERSION } from '../server/core'
import { createSample, type SampleFactory } from './sample-data'
import { createTestCore, type TestCore } from './test-core'
import { conformanceI18nKeys } from './conformance-i18n'

export interface ConformanceOptions {
  /** The plugins it depends on (and any others to install alongside). */
  with?: ServerPlugin[]
  /** Valid records for entities whose fields have rules the generic generator cannot guess. */
  samples?: Record<string, SampleFactory>
}

export function runPluginConformance(plugin: ServerPlugin, o: ConformanceOptions = {}): void {
  const m = plugin.manifest
  const all = [...(o.with ?? []), plugin]
  const samples = o.samples ?? {}
  const prefix = `${m.id.replace(/-/g, '_')}_`
  describe(`plugin conformance: ${m.id}`, () => {
    let t: TestCore
    beforeAll(async () => {
      t = await createTestCore({ plugins: all, config: { plans: { full: '*' }, defaultPlan: 'full' } })
    })
    afterAll(() => t?.close())

    it('has a valid manifest: namespace, core range, dependencies', () => {
      expect(() => loadPlugins(CORE_VERSION, all)).not.toThrow()
      expect(m.id).toMatch(/^[a-z][a-z0-9-]{1,30}$/)
      for (const e of m.entities) expect(e.ref.startsWith(`${m.id}.`)).toBe(true)
      for (const p of m.permissions)
        expect(p.key.startsWith(`${m.id}.`) || m.extends.some((x) => p.key.startsWith(`${x.target}.`))).toBe(
          true,
        )
    })

    it('ships migrations that touch only its own tables and apply twice cleanly', async () => {
      const migrations = plugin.migrations ? readMigrations({ plugin: m.id, folder: plugin.migrations }) : []
      for (const mig of migrations) {
        for (const stmt of mig.statements) {
          for (const match of stmt.matchAll(
            /(?:CREATE TABLE|ALTER TABLE|CREATE (?:UNIQUE )?INDEX "?\w+"? ON|CREATE POLICY "?\w+"? ON|DROP TABLE)\s+(?:IF NOT EXISTS\s+|ONLY\s+)?(?:"public"\.)?"?([a-z0-9_]+)"?/gi,
          )) {
            expect(match[1].startsWith(prefix), `${mig.tag}: ${match[1]}`).toBe(true)
          }
        }
      }
      expect(await t.core.migrate()).toEqual([])
    })

    it('has forced row-level security and the tenant policy on each of its tables', async () => {
      const rows = await t.db.system((tx) =>
        tx.query<{ relname: string; rls: boolean; forced: boolean; policies: number }>(
          `SELECT c.relname, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
                  (SELECT count(*)::int FROM pg_policies p WHERE p.tablename = c.relname) AS policies
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname LIKE $1`,
          [`${prefix}%`],
        ),
      )
      for (const e of m.entities) expect(rows.map((r) => r.relname)).toContain(e.table)
      for (const r of rows) expect(r, r.relname).toMatchObject({ rls: true, forced: true, policies: 1 })
    })

    it('has metadata whose references resolve and messages in French and English', () => {
      const reg = t.core.registry
      for (const e of m.entities) {
        const fields = Object.keys(e.fields)
        const ok = (f: string) =>
          fields.includes(f) || Object.keys(reg.entities.get(e.ref)!.extFields).includes(f)
        for (const f of e.title) expect(ok(f), `${e.ref} title ${f}`).toBe(true)
        for (const f of e.list?.columns ?? []) expect(ok(f), `${e.ref} list column ${f}`).toBe(true)
        for (const s of e.detail?.sections ?? [])
          for (const f of s.fields) expect(ok(f), `${e.ref} section ${s.id} field ${f}`).toBe(true)
        for (const f of e.search ?? []) expect(ok(f), `${e.ref} search ${f}`).toBe(true)
        if (e.numbering) expect(ok(e.numbering.field)).toBe(true)
      }
      for (const n of m.navigation) if (n.entity) expect(m.entities.map((e) => e.name)).toContain(n.entity)
      const keys = conformanceI18nKeys(t.core.registry, m.id)
      for (const locale of ['fr', 'en'] as const) {
        const missing = keys.filter((k) => !(k in t.core.messages[locale]))
        expect(missing, `missing ${locale} messages`).toEqual([])
      }
      expect(i18nKeys.plugin(m.id) in t.core.messages.fr).toBe(true)
    })

    it('seeds each tenant idempotently', async () => {
      if (!plugin.seed) return
      const count = () =>
        t.db.tenant(t.tenants.acme.id, async (tx) => {
          const out: Record<string, number> = {}
          for (const e of m.entities)
            out[e.ref] = (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${e.table}"`))[0].n
          return out
        })
      const before = await count()
      await t.core.withTenant(t.tenants.acme.id, (ctx) => plugin.seed!({ ctx, tenantId: t.tenants.acme.id }))
      expect(await count()).toEqual(before)
    })

    for (const e of m.entities) {
      describe(e.ref, () => {
        it('creates, reads, lists, updates and records history', async () => {
          const admin = await t.as('acme')
          const rec = await createSample(admin, t.core.registry, e.ref, samples, 1)
          const read = await admin.get(`/api/v1/records/${e.ref}/${rec.id}`)
          expect(read.status).toBe(200)
          expect(read.body.id).toBe(rec.id)
          const list = await admin.get(`/api/v1/records/${e.ref}?count=true`)
          expect(list.status).toBe(200)
          expect(list.body.data.map((r: any) => r.id)).toContain(rec.id)
          const upd = await admin.patch(`/api/v1/records/${e.ref}/${rec.id}`, { version: read.body.version })
          expect(upd.status).toBe(200)
          const hist = await admin.get(`/api/v1/records/${e.ref}/${rec.id}/history`)
          expect(hist.body.data.map((h: any) => h.action)).toContain('create')
          const bad = await admin.post(`/api/v1/records/${e.ref}`, { __unknown__: 1 })
          expect(bad.status).toBe(422)
          expect(bad.body.errors.map((x: any) => x.path)).toContain('__unknown__')
        })

        it('serves every related list', async () => {
          const admin = await t.as('acme')
          const rec = await createSample(admin, t.core.registry, e.ref, samples, 2)
          for (const r of t.core.registry.entities.get(e.ref)!.relatedLists) {
            const res = await admin.get(`/api/v1/records/${e.ref}/${rec.id}/related/${r.id}`)
            expect(res.status, r.id).toBe(200)
            expect(Array.isArray(res.body.data)).toBe(true)
          }
        })

        it('moves to the trash, restores and purges', async () => {
          const admin = await t.as('acme')
          const rec = await createSample(admin, t.core.registry, e.ref, samples, 3)
          const del = await admin.delete(`/api/v1/records/${e.ref}/${rec.id}`)
          expect(del.status).toBe(200)
          expect((await admin.get(`/api/v1/records/${e.ref}/${rec.id}`)).status).toBe(404)
          const trash = await admin.get(`/api/v1/trash?entity=${e.ref}`)
          expect(trash.body.data.map((x: any) => x.id)).toContain(rec.id)
          expect((await admin.post(`/api/v1/trash/${e.ref}/${rec.id}/restore?withParents=true`)).status).toBe(
            200,
          )
          expect((await admin.get(`/api/v1/records/${e.ref}/${rec.id}`)).status).toBe(200)
          await admin.delete(`/api/v1/records/${e.ref}/${rec.id}`)
          expect((await admin.delete(`/api/v1/trash/${e.ref}/${rec.id}`)).status).toBe(200)
          expect((await admin.post(`/api/v1/trash/${e.ref}/${rec.id}/restore`)).status).toBe(404)
        })

        it('refuses without the grant, and own scope hides others’ records', async () => {
          const admin = await t.as('acme')
          const rec = await createSample(admin, t.core.registry, e.ref, samples, 4)
          const nobody = await t.as('acme', { grants: {} })
          expect((await nobody.get(`/api/v1/records/${e.ref}`)).status).toBe(403)
          expect((await nobody.post(`/api/v1/records/${e.ref}`, {})).status).toBe(403)
          expect((await nobody.get(`/api/v1/records/${e.ref}/${rec.id}`)).status).toBe(403)
          if (e.ownership === 'none') return
          const own = await t.as('acme', {
            grants: { [`${e.ref}.read`]: 'own', [`${e.ref}.update`]: 'own', [`${e.ref}.delete`]: 'own' },
          })
          expect((await own.get(`/api/v1/records/${e.ref}`)).body.data.map((r: any) => r.id)).not.toContain(
            rec.id,
          )
          expect((await own.get(`/api/v1/records/${e.ref}/${rec.id}`)).status).toBe(404)
          expect((await own.delete(`/api/v1/records/${e.ref}/${rec.id}`)).status).toBe(404)
        })

        it('leaks nothing to another tenant', async () => {
          const admin = await t.as('acme')
          const rec = await createSample(admin, t.core.registry, e.ref, samples, 5)
          const other = await t.as('globex')
          const base = `/api/v1/records/${e.ref}`
          expect((await other.get(`${base}/${rec.id}`)).status).toBe(404)
          expect((await other.patch(`${base}/${rec.id}`, { version: rec.version })).status).toBe(404)
          expect((await other.delete(`${base}/${rec.id}`)).status).toBe(404)
          expect((await other.get(`${base}/${rec.id}/history`)).status).toBe(404)
          expect((await other.get(`${base}?filter[id][eq]=${rec.id}`)).body.data ?? []).toEqual([])
          expect((await other.get(`${base}`)).body.data.map((r: any) => r.id)).not.toContain(rec.id)
          const title = String(rec._title ?? '').slice(0, 20)
          if (title.length >= 3) {
            const s = await other.get(`/api/v1/search?q=${encodeURIComponent(title)}`)
            expect(JSON.stringify(s.body)).not.toContain(rec.id)
          }
          for (const r of t.core.registry.entities.get(e.ref)!.relatedLists) {
            expect((await other.get(`${base}/${rec.id}/related/${r.id}`)).status).toBe(404)
          }
          await admin.delete(`${base}/${rec.id}`)
          expect(JSON.stringify((await other.get('/api/v1/trash')).body)).not.toContain(rec.id)
          expect((await other.post(`/api/v1/trash/${e.ref}/${rec.id}/restore`)).status).toBe(404)
          expect((await other.delete(`/api/v1/trash/${e.ref}/${rec.id}`)).status).toBe(404)
        })
      })
    }

    it('is gated by plan: disabled means 403 and no contributions; re-enabled brings the data back', async () => {
      const admin = await t.as('acme')
      const first = m.entities[0]
      if (!first) return
      const rec = await createSample(admin, t.core.registry, first.ref, samples, 6)
      const dependents = t.core.registry.dependents(m.id)
      for (const d of [...dependents].reverse()) await admin.post(`/api/v1/admin/plugins/${d}/disable`)
      const off = await admin.post(`/api/v1/admin/plugins/${m.id}/disable`)
      expect(off.status).toBe(200)
      const denied = await admin.get(`/api/v1/records/${first.ref}/${rec.id}`)
      expect(denied.status).toBe(403)
      expect(denied.body.code).toBe('plugin-not-enabled')
      const boot = await admin.get('/api/v1/bootstrap')
      expect(Object.keys(boot.body.entities).filter((ref) => ref.startsWith(`${m.id}.`))).toEqual([])
      const contributed = JSON.stringify(
        Object.values(boot.body.entities).map((x: any) => [
          x.relatedLists.map((r: any) => r.plugin),
          x.panels.map((p: any) => p.plugin),
          x.actions.map((a: any) => a.plugin),
        ]),
      )
      expect(contributed).not.toContain(`"${m.id}"`)
      expect(boot.body.plugins.map((p: any) => p.id)).not.toContain(m.id)
      expect((await admin.post(`/api/v1/admin/plugins/${m.id}/enable`)).status).toBe(200)
      for (const d of dependents) await admin.post(`/api/v1/admin/plugins/${d}/enable`)
      expect((await admin.get(`/api/v1/records/${first.ref}/${rec.id}`)).status).toBe(200)
    })
  })
}
