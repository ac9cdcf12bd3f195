/**
 * The conformance checks that need no HTTP: each returns the problems it finds, as sentences naming the
 * plugin's file, table, field or key at fault (an empty list when the plugin passes). `runPluginConformance`
 * asserts that each list is empty; tests of the suite itself call them on broken plugins.
 * @module
 */
import type { Queryable } from '../db/database'
import { readMigrations } from '../db/migrate'
import { loadPlugins } from '../plugin/loader'
import type { Registry } from '../plugin/registry'
import type { ServerPlugin } from '../plugin/server-plugin'
import type { Locale, Messages } from '../plugin/define-plugin'
import { CORE_VERSION } from '../server/core'
import { conformanceI18nKeys } from './conformance-i18n'

/** `visits` → `visits_`: every table, index, policy, trigger and function of the plugin starts with it. */
export const tablePrefix = (pluginId: string) => `${pluginId.replace(/-/g, '_')}_`

/** Manifest: loads with the running core (id, core range, dependencies), refs and permissions in its namespace. */
export function manifestProblems(plugin: ServerPlugin, all: ServerPlugin[]): string[] {
  const m = plugin.manifest
  const out: string[] = []
  try {
    loadPlugins(CORE_VERSION, all)
  } catch (e) {
    out.push(`does not load with core ${CORE_VERSION}: ${(e as Error).message}`)
  }
  if (!/^[a-z][a-z0-9-]{1,30}$/.test(m.id)) out.push(`id "${m.id}" is not 2–31 of a-z, 0-9 and -`)
  for (const e of m.entities)
    if (!e.ref.startsWith(`${m.id}.`)) out.push(`entity ${e.ref} is outside the ${m.id} namespace`)
  for (const p of m.permissions)
    if (!p.key.startsWith(`${m.id}.`) && !m.extends.some((x) => p.key.startsWith(`${x.target}.`)))
      out.push(`permission ${p.key} is outside the ${m.id} namespace and the entities it extends`)
  return out
}

const NAME = String.raw`(?:"?(?:public|[a-z_][a-z0-9_]*)"?\.)?"?([A-Za-z_][A-Za-z0-9_]*)"?`
/** Statement shapes that name a table (or, for functions, the object itself) the statement changes. */
const TOUCHES: [string, RegExp][] = [
  [
    'CREATE TABLE',
    new RegExp(
      String.raw`\bCREATE\s+(?:UNLOGGED\s+|TEMP(?:ORARY)?\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?${NAME}`,
      'gi',
    ),
  ],
  ['ALTER TABLE', new RegExp(String.raw`\bALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?${NAME}`, 'gi')],
  ['DROP TABLE', new RegExp(String.raw`\bDROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?${NAME}`, 'gi')],
  ['TRUNCATE', new RegExp(String.raw`\bTRUNCATE\s+(?:TABLE\s+)?(?:ONLY\s+)?${NAME}`, 'gi')],
  [
    'CREATE INDEX',
    new RegExp(
      String.raw`\bCREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?(?:${NAME}\s+)?ON\s+(?:ONLY\s+)?${NAME}`,
      'gi',
    ),
  ],
  [
    'DROP INDEX',
    new RegExp(String.raw`\bDROP\s+INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+EXISTS\s+)?${NAME}`, 'gi'),
  ],
  ['INSERT', new RegExp(String.raw`\bINSERT\s+INTO\s+${NAME}`, 'gi')],
  ['UPDATE', new RegExp(String.raw`\bUPDATE\s+(?:ONLY\s+)?${NAME}\s+(?:AS\s+\w+\s+)?SET\b`, 'gi')],
  ['DELETE', new RegExp(String.raw`\bDELETE\s+FROM\s+(?:ONLY\s+)?${NAME}`, 'gi')],
  ['GRANT/REVOKE', new RegExp(String.raw`\b(?:GRANT|REVOKE)\s+[\w\s,]+?\s+ON\s+(?:TABLE\s+)?${NAME}`, 'gi')],
  [
    'CREATE TRIGGER',
    new RegExp(
      String.raw`\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:CONSTRAINT\s+)?TRIGGER\s+\S+\s+[\s\S]*?\bON\s+${NAME}`,
      'gi',
    ),
  ],
  ['DROP TRIGGER', new RegExp(String.raw`\bDROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?\S+\s+ON\s+${NAME}`, 'gi')],
  [
    'POLICY',
    new RegExp(
      String.raw`\b(?:CREATE|ALTER|DROP)\s+POLICY\s+(?:IF\s+EXISTS\s+)?(?:"[^"]+"|\S+)\s+ON\s+${NAME}`,
      'gi',
    ),
  ],
  ['COMMENT', new RegExp(String.raw`\bCOMMENT\s+ON\s+(?:TABLE|COLUMN)\s+${NAME}`, 'gi')],
  [
    'FUNCTION',
    new RegExp(
      String.raw`\b(?:CREATE\s+(?:OR\s+REPLACE\s+)?|DROP\s+|ALTER\s+)(?:FUNCTION|PROCEDURE)\s+(?:IF\s+EXISTS\s+)?${NAME}`,
      'gi',
    ),
  ],
]

/** The objects a statement changes that are not the plugin's own, as `CREATE TABLE core_user`. */
export function foreignObjects(statement: string, prefix: string): string[] {
  // Function bodies are the function's business: only the function's own name counts.
  const sql = statement.replace(/\$(\w*)\$[\s\S]*?\$\1\$/g, "''").replace(/--[^\n]*/g, '')
  const out: string[] = []
  for (const [kind, re] of TOUCHES) {
    for (const m of sql.matchAll(re)) {
      const name = (m[m.length - 1] ?? m[1]).toLowerCase()
      if (!name.startsWith(prefix)) out.push(`${kind} ${name}`)
    }
  }
  return [...new Set(out)]
}

/** Migration files: every statement changes only `<prefix>*` tables, functions and their policies. */
export function migrationSqlProblems(plugin: ServerPlugin): string[] {
  if (!plugin.migrations) return []
  const prefix = tablePrefix(plugin.manifest.id)
  const out: string[] = []
  for (const mig of readMigrations({ plugin: plugin.manifest.id, folder: plugin.migrations }))
    for (const stmt of mig.statements)
      for (const o of foreignObjects(stmt, prefix))
        out.push(`migration ${mig.tag} touches ${o}, which is not one of its own (${prefix}*) objects`)
  return out
}

/** Tables, columns, indexes, constraints, policies, triggers and functions of the public schema. */
export async function schemaCatalog(tx: Queryable): Promise<Map<string, string>> {
  const rows = await tx.query<{ key: string; owner: string; def: string }>(`
    SELECT 'relation ' || c.relname AS key, c.relname AS owner,
           c.relkind::text || ' rls=' || c.relrowsecurity || ' forced=' || c.relforcerowsecurity AS def
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'i', 'S')
    UNION ALL
    SELECT 'column ' || c.relname || '.' || a.attname, c.relname,
           format_type(a.atttypid, a.atttypmod) || ' notnull=' || a.attnotnull
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
    UNION ALL
    SELECT 'constraint ' || c.relname || '.' || k.conname, c.relname, pg_get_constraintdef(k.oid)
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public'
    UNION ALL
    SELECT 'policy ' || c.relname || '.' || p.polname, c.relname,
           coalesce(pg_get_expr(p.polqual, p.polrelid), '') || ' / ' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '')
      FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public'
    UNION ALL
    SELECT 'trigger ' || c.relname || '.' || t.tgname, c.relname, pg_get_triggerdef(t.oid)
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND NOT t.tgisinternal
    UNION ALL
    SELECT 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', p.proname,
           md5(coalesce(p.prosrc, ''))
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'public'`)
  return new Map(rows.map((r) => [r.key, `${r.owner}\u0000${r.def}`]))
}

/** What changed between two catalogs on objects whose table (or function) is not `<prefix>*`. */
export function foreignSchemaChanges(
  before: Map<string, string>,
  after: Map<string, string>,
  prefix: string,
): string[] {
  const out: string[] = []
  const owner = (v: string) => v.slice(0, v.indexOf('\u0000'))
  for (const [key, v] of after) {
    const was = before.get(key)
    if (was === v || owner(v).startsWith(prefix)) continue
    out.push(`${was === undefined ? 'adds' : 'changes'} ${key}`)
  }
  for (const [key, v] of before) if (!after.has(key) && !owner(v).startsWith(prefix)) out.push(`drops ${key}`)
  return out
}

/** Differences between two catalogs, all objects included. */
export function schemaChanges(before: Map<string, string>, after: Map<string, string>): string[] {
  return foreignSchemaChanges(before, after, '\u0001')
}

/** Each `<prefix>*` table: row-level security enabled and forced, one policy on the tenant id. */
export async function rlsProblems(tx: Queryable, plugin: ServerPlugin): Promise<string[]> {
  const prefix = tablePrefix(plugin.manifest.id)
  const rows = await tx.query<{ relname: string; rls: boolean; forced: boolean; policies: string[] }>(
    `SELECT c.relname, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
            coalesce((SELECT array_agg(coalesce(pg_get_expr(p.polqual, p.polrelid), '') ORDER BY p.polname)
                      FROM pg_policy p WHERE p.polrelid = c.oid), '{}') AS policies
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND starts_with(c.relname, $1)`,
    [prefix],
  )
  const out: string[] = []
  for (const e of plugin.manifest.entities)
    if (!rows.some((r) => r.relname === e.table)) out.push(`table ${e.table} of ${e.ref} does not exist`)
  for (const r of rows) {
    if (!r.rls) out.push(`table ${r.relname} has row-level security disabled`)
    else if (!r.forced)
      out.push(`table ${r.relname} does not force row-level security (FORCE ROW LEVEL SECURITY)`)
    if (r.policies.length !== 1) out.push(`table ${r.relname} has ${r.policies.length} policies, not one`)
    else if (!/tenant_id\s*=.*app\.tenant_id/.test(r.policies[0]))
      out.push(`table ${r.relname}'s policy does not compare tenant_id with app.tenant_id: ${r.policies[0]}`)
  }
  return out
}

/** Fields every entity list can sort and filter on besides its own. */
const STANDARD_FIELDS = ['id', 'createdAt', 'updatedAt', 'owner']

/** Every name the plugin's metadata uses resolves: fields, entities, links, actions, permissions. */
export function metadataProblems(registry: Registry, plugin: ServerPlugin): string[] {
  const m = plugin.manifest
  const out: string[] = []
  const fieldsOf = (ref: string) => {
    const e = registry.entities.get(ref)
    return e ? [...Object.keys(e.fields), ...Object.keys(e.extFields)] : []
  }
  const sortFields = (sort: string) => sort.split(',').map((s) => s.trim().replace(/^-/, ''))
  for (const e of m.entities) {
    const fields = fieldsOf(e.ref)
    const need = (f: string, where: string, extra: string[] = []) => {
      if (!fields.includes(f) && !extra.includes(f)) out.push(`${e.ref} ${where} names no field "${f}"`)
    }
    for (const f of e.title) need(f, 'title')
    for (const f of e.list?.columns ?? []) need(f, 'list column')
    if (e.list?.sort) for (const f of sortFields(e.list.sort)) need(f, 'list.sort', STANDARD_FIELDS)
    for (const s of e.detail?.sections ?? []) for (const f of s.fields) need(f, `section ${s.id}`)
    for (const f of e.search ?? []) need(f, 'search')
    if (e.numbering) need(e.numbering.field, 'numbering')
    for (const a of e.actions ?? [])
      if (a.visibleWhen) need(a.visibleWhen.field, `action ${a.id} visibleWhen`)
  }
  for (const x of m.extends) {
    if (!registry.entities.has(x.target)) {
      out.push(`extends ${x.target}, which no installed plugin defines`)
      continue
    }
    const fields = fieldsOf(x.target)
    for (const c of x.listColumns ?? [])
      if (!fields.includes(c))
        out.push(`extension of ${x.target} lists column "${c}", which is no field of it`)
  }
  // Related lists the plugin contributes, wherever they show.
  for (const host of registry.entities.values()) {
    for (const r of host.relatedLists) {
      if (r.plugin !== m.id) continue
      const where = `related list ${r.id} on ${host.ref}`
      const listed = registry.entities.get(r.entity)
      if (!listed) {
        out.push(`${where} lists ${r.entity}, which no installed plugin defines`)
        continue
      }
      const fields = fieldsOf(r.entity)
      if (r.via.startsWith('link:')) {
        const kind = r.via.split(':')[1]
        const links = [...(host.links ?? []), ...(listed.links ?? [])]
        if (!links.some((l) => l.kind === kind))
          out.push(`${where} goes through link "${kind}", which neither entity declares`)
      } else {
        const via = listed.fields[r.via] as
          | { type?: string; target?: string; targets?: readonly string[] }
          | undefined
        if (!via) out.push(`${where} goes through "${r.via}", which is no field of ${r.entity}`)
        else if (
          via.target !== host.ref &&
          !(via.targets && (!via.targets.length || via.targets.includes(host.ref)))
        )
          out.push(`${where} goes through ${r.entity}.${r.via}, which does not point at ${host.ref}`)
      }
      for (const c of r.columns ?? [])
        if (!fields.includes(c) && !STANDARD_FIELDS.includes(c))
          out.push(`${where} shows column "${c}", which is no field of ${r.entity}`)
      if (r.sort)
        for (const f of sortFields(r.sort))
          if (!fields.includes(f) && !STANDARD_FIELDS.includes(f))
            out.push(`${where} sorts on "${f}", which is no field of ${r.entity}`)
    }
    for (const a of host.actions)
      if (a.plugin === m.id && !registry.actions.has(`${host.ref}.${a.id}`))
        out.push(`action ${a.id} on ${host.ref} has no handler in the server part's actions`)
  }
  const names = m.entities.map((e) => e.name)
  for (const n of m.navigation) {
    if (!!n.entity === !!n.page) out.push(`navigation ${n.id} must name either an entity or a page`)
    if (n.entity && !names.includes(n.entity)) out.push(`navigation ${n.id} names no entity "${n.entity}"`)
    if (n.page !== undefined && !/^[a-z][a-z0-9-]{0,40}$/.test(n.page))
      out.push(`navigation ${n.id} names page "${n.page}", not a page id (a-z, 0-9, -)`)
  }
  for (const [template, def] of Object.entries(m.roleTemplates ?? {})) {
    for (const key of Object.keys(def?.grants ?? {}))
      if (!registry.permissions.has(key))
        out.push(`role template ${template} grants "${key}", which is no permission`)
    for (const key of Object.keys(def?.fields ?? {})) {
      const dot = key.lastIndexOf('.')
      if (!fieldsOf(key.slice(0, dot)).includes(key.slice(dot + 1)))
        out.push(`role template ${template} has a rule for "${key}", which is no field`)
    }
  }
  return out
}

/** The conventional message keys, present in French and in English. */
export function i18nProblems(
  registry: Registry,
  messages: Record<Locale, Messages>,
  pluginId: string,
): string[] {
  const keys = conformanceI18nKeys(registry, pluginId)
  const out: string[] = []
  for (const locale of ['fr', 'en'] as const)
    for (const k of keys) if (!(k in messages[locale])) out.push(`message ${k} is missing in ${locale}`)
  return out
}
