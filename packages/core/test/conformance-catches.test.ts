import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { definePlugin } from '../src/index'
import { defineServerPlugin } from '../src/server'
import { createSample, createTestCore, type TestCore } from '../src/testing'
import { migrationProblems } from '../src/testing/conformance'
import {
  foreignObjects,
  i18nProblems,
  manifestProblems,
  metadataProblems,
  migrationSqlProblems,
  rlsProblems,
} from '../src/testing/conformance-checks'
import { disabledProblems, enableAgain, isolationProblems } from '../src/testing/conformance-http'
import bad from './fixtures/badkit/server'
import crm from './fixtures/crm/server'
import notes from './fixtures/notes/server'

let t: TestCore
beforeAll(async () => {
  t = await createTestCore({ plugins: [bad] })
})
afterAll(() => t?.close())

describe('the conformance suite catches a broken plugin', () => {
  it('a core range the running core does not satisfy', () => {
    const future = defineServerPlugin(
      definePlugin({ id: 'future', version: '1.0.0', core: '^9.0.0', i18n: { fr: {}, en: {} } }),
      {},
    )
    const problems = manifestProblems(future, [future])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/^does not load with core 0\.\d+\.\d+: .*\^9\.0\.0/)
  })

  it('a migration statement on another plugin’s or core’s table', () => {
    expect(migrationSqlProblems(bad)).toEqual([
      'migration 0000_init touches ALTER TABLE core_user, which is not one of its own (badkit_*) objects',
    ])
  })

  it('every kind of statement that changes what is not the plugin’s', () => {
    const statements = [
      `INSERT INTO "core_setting" (tenant_id, key, value) VALUES ('x', 'y', '{}')`,
      `UPDATE core_user SET name = 'x'`,
      `DELETE FROM "public"."crm_company" WHERE true`,
      'TRUNCATE crm_person',
      'GRANT SELECT, UPDATE ON core_user TO someone',
      'CREATE TRIGGER badkit_t AFTER INSERT ON "core_user" FOR EACH ROW EXECUTE FUNCTION badkit_f()',
      `CREATE POLICY "open" ON "crm_company" USING (true)`,
      'DROP INDEX "crm_company_list_idx"',
      'CREATE INDEX "badkit_x_idx" ON "core_user" ("email")',
      `COMMENT ON TABLE core_user IS 'x'`,
      'CREATE OR REPLACE FUNCTION comptoir_search() RETURNS void AS $$ BEGIN END $$ LANGUAGE plpgsql',
    ]
    expect(statements.map((s) => foreignObjects(s, 'badkit_'))).toEqual([
      ['INSERT core_setting'],
      ['UPDATE core_user'],
      ['DELETE crm_company'],
      ['TRUNCATE crm_person'],
      ['GRANT/REVOKE core_user'],
      ['CREATE TRIGGER core_user'],
      ['POLICY crm_company'],
      ['DROP INDEX crm_company_list_idx'],
      ['CREATE INDEX core_user'],
      ['COMMENT core_user'],
      ['FUNCTION comptoir_search'],
    ])
    const own = [
      'CREATE TABLE "badkit_gadget" ("id" uuid)',
      `UPDATE badkit_gadget SET color = 'red'`,
      'CREATE FUNCTION badkit_touch() RETURNS trigger AS $$ BEGIN UPDATE core_user SET name = name; END $$ LANGUAGE plpgsql',
      'CREATE TRIGGER badkit_t BEFORE UPDATE ON badkit_gadget FOR EACH ROW EXECUTE FUNCTION badkit_touch()',
    ]
    expect(own.flatMap((s) => foreignObjects(s, 'badkit_'))).toEqual([])
  })

  it('a schema change outside the plugin’s tables, seen by comparing the catalog before and after', async () => {
    expect(await migrationProblems(bad)).toEqual([
      'its migrations change what is not theirs: adds column core_user.badkit_flag',
    ])
  })

  it('a table without row-level security or without its policy', async () => {
    expect(await t.db.system((tx) => rlsProblems(tx, bad))).toEqual([
      'table badkit_cache has row-level security disabled',
      'table badkit_cache has 0 policies, not one',
    ])
  })

  it('metadata naming what does not exist', () => {
    expect(metadataProblems(t.core.registry, bad).sort()).toEqual(
      [
        'badkit.gadget list.sort names no field "colour"',
        'action archive on badkit.gadget has no handler in the server part’s actions'.replace('’', "'"),
        'navigation report names page "Gadget Report", not a page id (a-z, 0-9, -)',
        'role template sales-rep grants "badkit.gadget.fly", which is no permission',
      ].sort(),
    )
  })

  it('a message missing in French', () => {
    expect(i18nProblems(t.core.registry, t.core.messages, 'badkit')).toEqual([
      'message badkit:field.gadget.color is missing in fr',
    ])
  })

  it('a route that shows another tenant’s records', async () => {
    const admin = await t.as('acme')
    const rec = await createSample(admin, t.core.registry, 'badkit.gadget', {}, 1)
    expect(await isolationProblems(t, bad, 'badkit.gadget', rec)).toEqual([
      `another tenant sees ${rec.id} in GET /api/v1/p/badkit/all (plugin route /all)`,
    ])
  })

  it('and finds nothing to say about well-behaved plugins', async () => {
    const admin = await t.as('acme')
    const rec = await createSample(admin, t.core.registry, 'badkit.gadget', {}, 2)
    expect(await disabledProblems(t, bad, { ref: 'badkit.gadget', rec })).toEqual([])
    await enableAgain(t, bad)
    expect(migrationSqlProblems(crm)).toEqual([])
    expect(migrationSqlProblems(notes)).toEqual([])
  })
})
