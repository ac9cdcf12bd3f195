/**
 * Which column of the file fills which field: the mapping the user sent, else the one remembered from
 * their last import of the entity, else the header matched on field names and labels (French or
 * English). A column that would write a field hidden from the user is refused, as the API refuses it.
 * @module
 */
import { BadRequestError, type FieldError, ForbiddenError } from '../errors'
import { i18nKeys } from '../i18n/keys'
import { translate } from '../i18n/messages'
import type { RequestContext } from '../records/context'
import type { CustomFieldRow, EntityModel } from '../records/entity-model'
import { fold } from './cell-values'
import type { CsvColumn } from './csv-columns'

/** Header text → column key, `null` to ignore the column. */
export type Mapping = Record<string, string | null>

export interface ResolvedMapping {
  /** Column key for each column of the file, by position; `null` when not imported. */
  keys: (string | null)[]
  /** Headers that match no field (or repeat a field already taken). */
  ignored: string[]
}

const MAX_REMEMBERED = 300

export function parseMapping(raw: string | undefined): Mapping {
  if (raw === undefined || raw.trim() === '') return {}
  let v: unknown
  try {
    v = JSON.parse(raw)
  } catch {
    v = null
  }
  const ok =
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.values(v).every((x) => x === null || typeof x === 'string')
  if (!ok)
    throw new BadRequestError('bad-request', 'Invalid mapping', [
      { path: 'mapping', code: 'import_bad_mapping' },
    ])
  const out: Mapping = {}
  for (const [k, x] of Object.entries(v as Record<string, string | null>)) out[k] = x ? x : null
  return out
}

/**
 * Folded names and labels of fields the user may not see (entity, other plugins' and tenant custom
 * fields), to refuse columns that would write them.
 */
export function hiddenAliases(ctx: RequestContext, model: EntityModel): Map<string, string> {
  const out = new Map<string, string>()
  const e = model.entity
  const names = [...Object.keys(e.fields), ...Object.keys(e.extFields)]
  for (const name of names) {
    if (model.fields.has(name) || ctx.access.fieldRule(e.ref, name) !== 'hidden') continue
    const plugin = e.extFields[name]?.plugin ?? e.plugin
    const key = i18nKeys.field(plugin, e.name, name)
    const labels = (['fr', 'en'] as const)
      .map((l) => translate(ctx.core.messages, l, key))
      .filter((x) => x !== key)
    for (const s of [name, `${name}.id`, ...labels]) out.set(fold(s), name)
  }
  const custom = (ctx as RequestContext & { customFields?: (CustomFieldRow & { entity: string })[] })
    .customFields
  for (const row of custom ?? []) {
    const name = `custom.${row.name}`
    if (row.entity !== e.ref || model.fields.has(name) || ctx.access.fieldRule(e.ref, name) !== 'hidden')
      continue
    for (const s of [name, row.name, row.label_fr, row.label_en]) {
      // A visible field spelled the same keeps its column.
      if (s && !model.fields.has(s)) out.set(fold(s), name)
    }
  }
  return out
}

function hiddenError(column: string, field: string): ForbiddenError {
  return new ForbiddenError('field-hidden', `Field "${field}" is not accessible`, {
    errors: [{ path: `mapping.${column}`, code: 'field_hidden', params: { field } }],
  })
}

export function resolveMapping(
  headers: string[],
  aliases: Map<string, CsvColumn>,
  hidden: Map<string, string>,
  explicit: Mapping,
  remembered: Mapping,
): ResolvedMapping {
  const byKey = new Map<string, CsvColumn>()
  for (const c of aliases.values()) byKey.set(c.key, c)
  const errors: FieldError[] = []
  for (const col of Object.keys(explicit)) {
    if (!headers.includes(col)) errors.push({ path: `mapping.${col}`, code: 'import_unknown_column' })
    const target = explicit[col]
    if (target === null || byKey.has(target)) continue
    const h = hidden.get(fold(target))
    if (h) throw hiddenError(col, h)
    errors.push({ path: `mapping.${col}`, code: 'unknown_field' })
  }
  if (errors.length) throw new BadRequestError('bad-request', 'Invalid mapping', errors)
  const taken = new Set<string>()
  const keys: (string | null)[] = []
  const ignored: string[] = []
  for (const header of headers) {
    let key: string | null
    if (Object.hasOwn(explicit, header)) key = explicit[header]
    else if (
      Object.hasOwn(remembered, header) &&
      (remembered[header] === null || byKey.has(remembered[header]!))
    ) {
      key = remembered[header]
    } else {
      const h = hidden.get(fold(header))
      if (h) throw hiddenError(header, h)
      key = aliases.get(fold(header))?.key ?? null
      if (key === null && header.trim() !== '') ignored.push(header)
    }
    if (key !== null && taken.has(key)) {
      ignored.push(header)
      key = null
    }
    if (key !== null) taken.add(key)
    keys.push(key)
  }
  return { keys, ignored }
}

function settingKey(ctx: RequestContext, ref: string): string {
  return `import.mapping.${ctx.user.id}.${ref}`
}

export async function loadRememberedMapping(ctx: RequestContext, ref: string): Promise<Mapping> {
  const [row] = await ctx.tx.query<{ value: Mapping }>(
    'SELECT value FROM core_setting WHERE tenant_id = $1 AND key = $2',
    [ctx.tenant.id, settingKey(ctx, ref)],
  )
  return row?.value ?? {}
}

/** Remembers the user's explicit choices on top of earlier ones (the most recent few hundred headers). */
export async function rememberMapping(ctx: RequestContext, ref: string, explicit: Mapping): Promise<void> {
  if (!Object.keys(explicit).length) return
  const merged: Mapping = await loadRememberedMapping(ctx, ref)
  for (const [h, key] of Object.entries(explicit)) {
    delete merged[h]
    merged[h] = key
  }
  const entries = Object.entries(merged).slice(-MAX_REMEMBERED)
  await ctx.tx.query(
    `INSERT INTO core_setting (tenant_id, key, value) VALUES ($1, $2, $3::text::jsonb)
     ON CONFLICT (tenant_id, key) DO UPDATE SET value = EXCLUDED.value`,
    [ctx.tenant.id, settingKey(ctx, ref), JSON.stringify(Object.fromEntries(entries))],
  )
}
