/**
 * `runPluginConformance`: the checks every plugin passes, for each of its entities — manifest, migrations,
 * RLS, CRUD, related lists, trash, restore, purge, rights, scopes, tenant isolation, metadata, i18n, seeds
 * and plan gating. Call it at the top level of a vitest file. The checks themselves are in
 * `conformance-checks.ts` and `conformance-http.ts`, each returning the problems it finds.
 * @module
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../db/database'
import { migrate, readMigrations } from '../db/migrate'
import { i18nKeys } from '../i18n/keys'
import type { ServerPlugin } from '../plugin/server-plugin'
import { createCore } from '../server/core'
import {
  foreignSchemaChanges,
  i18nProblems,
  manifestProblems,
  metadataProblems,
  migrationSqlProblems,
  rlsProblems,
  schemaCatalog,
  schemaChanges,
  tablePrefix,
} from './conformance-checks'
import { disabledProblems, enableAgain, isolationProblems, noGrantProblems } from './conformance-http'
import { createSample, type SampleFactory } from './sample-data'
import { createTestCore, type TestCore } from './test-core'
import { openTestDatabase } from './test-database'

export interface ConformanceOptions {
  /** The plugins it depends on (and any others to install alongside). */
  with?: ServerPlugin[]
  /** Valid records for entities whose fields have rules the generic generator cannot guess. */
  samples?: Record<string, SampleFactory>
}

/**
 * Applies the plugin's migrations alone to a fresh database where core and `with` are migrated, and
 * returns what they changed outside the plugin's own objects, whether a second run changed anything,
 * and whether the ledger records each file once with its hash.
 */
export async function migrationProblems(
  plugin: ServerPlugin,
  withPlugins: ServerPlugin[] = [],
): Promise<string[]> {
  if (!plugin.migrations) return []
  const source = { plugin: plugin.manifest.id, folder: plugin.migrations }
  const files = readMigrations(source)
  const { db, core, drop } = await openTestDatabase((d: Database) =>
    createCore({ db: d, plugins: withPlugins }),
  )
  const out: string[] = []
  try {
    await core.migrate()
    const before = await db.system((tx) => schemaCatalog(tx))
    const first = await migrate(db, [source])
    if (first.length !== files.length)
      out.push(`the first run applied ${first.length} of ${files.length} migrations`)
    const after = await db.system((tx) => schemaCatalog(tx))
    for (const c of foreignSchemaChanges(before, after, tablePrefix(plugin.manifest.id)))
      out.push(`its migrations change what is not theirs: ${c}`)
    const second = await migrate(db, [source])
    if (second.length) out.push(`a second run applied ${second.map((x) => x.tag).join(', ')} again`)
    for (const c of schemaChanges(after, await db.system((tx) => schemaCatalog(tx))))
      out.push(`a second run changed the schema: ${c}`)
    const ledger = await db.system((tx) =>
      tx.query<{ tag: string; hash: string }>(
        'SELECT tag, hash FROM core_migration WHERE plugin = $1 ORDER BY tag',
        [plugin.manifest.id],
      ),
    )
    const expected = files
      .map((f) => ({ tag: f.tag, hash: f.hash }))
      .sort((a, b) => a.tag.localeCompare(b.tag))
    if (JSON.stringify(ledger) !== JSON.stringify(expected))
      out.push(`the migration ledger does not hold each file once with its hash: ${JSON.stringify(ledger)}`)
  } finally {
    await drop()
  }
  return out
}

export function runPluginConformance(plugin: ServerPlugin, o: ConformanceOptions = {}): void {
  const m = plugin.manifest
  const all = [...(o.with ?? []), plugin]
  const samples = o.samples ?? {}
  describe(`plugin conformance: ${m.id}`, () => {
    let t: TestCore
    beforeAll(async () => {
      t = await createTestCore({ plugins: all, config: { plans: { full: '*' }, defaultPlan: 'full' } })
    })
    afterAll(() => t?.close())

    it('has a valid manifest: namespace, core range, dependencies', () => {
      expect(manifestProblems(plugin, all)).toEqual([])
    })

    it('ships migrations that touch only its own objects, and a second run changes nothing', async () => {
      expect(migrationSqlProblems(plugin)).toEqual([])
      expect(await migrationProblems(plugin, o.with)).toEqual([])
      expect(await t.core.migrate()).toEqual([])
    })

    it('has forced row-level security and the tenant policy on each of its tables', async () => {
      expect(await t.db.system((tx) => rlsProblems(tx, plugin))).toEqual([])
    })

    it('has metadata whose references resolve and messages in French and English', () => {
      expect(metadataProblems(t.core.registry, plugin)).toEqual([])
      expect(i18nProblems(t.core.registry, t.core.messages, m.id)).toEqual([])
      expect(i18nKeys.plugin(m.id) in t.core.messages.fr).toBe(true)
    })

    it('seeds each tenant idempotently', async () => {
      if (!plugin.seed) return
      for (const tenant of Object.values(t.tenants)) {
        const count = () =>
          t.db.tenant(tenant.id, async (tx) => {
            const out: Record<string, number> = {}
            for (const e of m.entities)
              out[e.ref] = (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${e.table}"`))[0].n
            return out
          })
        const before = await count()
        await t.core.withTenant(tenant.id, (ctx) => plugin.seed!({ ctx, tenantId: tenant.id }))
        expect(await count(), `seeding ${tenant.slug} again`).toEqual(before)
      }
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

        it('refuses every operation without the grant, and own scope hides others’ records', async () => {
          const admin = await t.as('acme')
          const rec = await createSample(admin, t.core.registry, e.ref, samples, 4)
          expect(await noGrantProblems(t, e.ref, rec)).toEqual([])
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

        it('leaks nothing to another tenant: records, search, related lists, export, its routes, trash', async () => {
          const admin = await t.as('acme')
          const rec = await createSample(admin, t.core.registry, e.ref, samples, 5)
          expect(await isolationProblems(t, plugin, e.ref, rec)).toEqual([])
          const other = await t.as('globex')
          await admin.delete(`/api/v1/records/${e.ref}/${rec.id}`)
          expect(JSON.stringify((await other.get('/api/v1/trash')).body)).not.toContain(rec.id)
          expect((await other.post(`/api/v1/trash/${e.ref}/${rec.id}/restore`)).status).toBe(404)
          expect((await other.delete(`/api/v1/trash/${e.ref}/${rec.id}`)).status).toBe(404)
        })
      })
    }

    it('is gated by plan: disabled means 403 on its records and routes and no contributions; re-enabled brings the data back', async () => {
      const admin = await t.as('acme')
      const first = m.entities[0]
      const rec = first ? await createSample(admin, t.core.registry, first.ref, samples, 6) : undefined
      const problems = await disabledProblems(t, plugin, first && rec ? { ref: first.ref, rec } : undefined)
      await enableAgain(t, plugin)
      expect(problems).toEqual([])
      if (first && rec) expect((await admin.get(`/api/v1/records/${first.ref}/${rec.id}`)).status).toBe(200)
    })
  })
}
