/**
 * The cells of an export as SQL expressions, for PostgreSQL to write the file itself (`COPY … (FORMAT
 * csv)`). Each expression gives the text `cell-writers.ts` writes for the same column, before quoting —
 * amounts with the flavour's decimal separator, dates in French or ISO form, yes/no words, option labels,
 * text defused against formulas, references' titles — or NULL where that text is empty: COPY writes NULL
 * as an empty cell and quotes an empty string, and otherwise quotes exactly what the writer quotes (a
 * cell holding the delimiter, a quote or a line break). Titles are subqueries under the rules of
 * `fillTarget`: none where the target's plugin is off or the user may not read it, none for a target row
 * out of their read scope. Values are inlined as literals (`sql-literal.ts`): COPY takes no parameters.
 * @module
 */
import { columnsOf } from '../entity/columns'
import { ident } from '../entity/naming'
import type { CsvColumn } from '../import/csv-columns'
import { TIME_ZONE } from '../import/wall-clock'
import type { RequestContext } from '../records/context'
import type { ModelField } from '../records/entity-model'
import { scopeSql } from '../records/scope'
import { readableTarget } from '../records/titles'
import { Params } from '../records/sql-params'
import {
  booleanWords,
  type CellWriterOptions,
  cellType,
  columnsRead,
  labelsShown,
  NUMBER_TYPES,
  optionText,
} from './cell-writers'
import { protect as protectText } from './csv-writer'
import { inlineParams, literal } from './sql-literal'

/** The first characters `protect()` defuses (`= + - @`, tab, CR), by code; after an apostrophe, those and `'`. */
const DANGEROUS = '61, 43, 45, 64, 9, 13'
const PARIS = `'DD/MM/YYYY HH24:MI:SS'`
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`

/**
 * `protect()` in SQL, an empty text as NULL (see `orNull`), on character codes rather than a pattern
 * (cheaper than a regular expression per cell). An empty cell, NULL, is passed at the first test; text
 * starting past `@`, most of the rest, at the second: a byte comparison (collation "C"), as a UTF-8 text
 * whose first character's code is over 64 is exactly one whose first byte is. `x` is evaluated more than
 * once: a column or a cheap expression.
 */
function protect(x: string): string {
  const quoted = `ascii(${x}) = 39 AND ascii(substr(${x}, 2, 1)) IN (${DANGEROUS}, 39)`
  return `CASE WHEN ${x} IS NULL THEN NULL WHEN ${x} >= 'A' COLLATE "C" THEN ${x} WHEN ${x} = '' THEN NULL WHEN ascii(${x}) IN (${DANGEROUS}) OR (${quoted}) THEN '''' || ${x} ELSE ${x} END`
}

/** An empty text as NULL: COPY writes NULL as an empty cell, but an empty string as `""`. */
function orNull(x: string): string {
  return `NULLIF(${x}, '')`
}

/** An instant (`timestamptz`) as the flavour writes it. */
function instant(x: string, localDates: boolean): string {
  return localDates
    ? `to_char(${x} AT TIME ZONE ${literal(TIME_ZONE)}, ${PARIS})`
    : `to_char(${x} AT TIME ZONE 'UTC', ${ISO})`
}

/** The page's column `name` (the page query is aliased `p`). */
function col(name: string): string {
  return `p.${ident(name)}`
}

/** Option code → label in the export's language, where they differ (none in RFC 4180 files and for custom fields). */
function optionLabels(mf: ModelField, o: CellWriterOptions): Map<string, string> {
  const labels = new Map<string, string>()
  if (!labelsShown(mf, o)) return labels
  for (const code of (mf.def as { options?: readonly string[] }).options ?? []) {
    const text = optionText(mf, o, code)
    if (text !== code) labels.set(code, text)
  }
  return labels
}

function labelled(x: string, labels: Map<string, string>): string {
  const when = [...labels].map(([code, label]) => ` WHEN ${literal(code)} THEN ${literal(label)}`).join('')
  return `CASE ${x}${when} ELSE ${x} END`
}

/** A multiSelect's codes (`text[]`) as the writer joins them, labels included. */
function joined(arr: string, labels: Map<string, string>): string {
  if (!labels.size) return `array_to_string(${arr}, ', ', '')`
  // Replacing codes one after the other is right only when no label is also a code.
  if (![...labels.values()].some((l) => labels.has(l))) {
    let x = arr
    for (const [code, label] of labels) x = `array_replace(${x}, ${literal(code)}, ${literal(label)})`
    return `array_to_string(${x}, ', ', '')`
  }
  return `array_to_string(ARRAY(SELECT ${labelled('u.e', labels)} FROM unnest(${arr}) WITH ORDINALITY AS u(e, n) ORDER BY u.n), ', ', '')`
}

/** A field's value as the writer's `valueText` makes it, or NULL. */
function valueSql(mf: ModelField, o: CellWriterOptions): string {
  const { flavour } = o
  const type = cellType(mf)
  const custom = mf.origin !== 'entity'
  const key = custom ? literal(mf.jsonKey!) : ''
  // The value as text (String(v) in the writer) and, for custom fields, as jsonb.
  const text = custom ? `(p.custom->>${key})` : `${col(columnsOf(mf.name, mf.def)[0].column)}::text`
  const json = `(p.custom->${key})`
  const raw = custom ? json : col(columnsOf(mf.name, mf.def)[0].column)
  if (NUMBER_TYPES.has(type)) return orNull(flavour.decimal === ',' ? `replace(${text}, '.', ',')` : text)
  switch (type) {
    case 'date':
      return orNull(
        flavour.localDates
          ? `substr(${text}, 9, 2) || '/' || substr(${text}, 6, 2) || '/' || substr(${text}, 1, 4)`
          : text,
      )
    case 'datetime':
      if (custom) return orNull(flavour.localDates ? instant(`(${text})::timestamptz`, true) : text)
      return instant(raw, flavour.localDates)
    case 'boolean': {
      const words = booleanWords(o)
      const yes = literal(words.yes)
      const no = literal(words.no)
      if (!custom) return orNull(`CASE WHEN ${raw} THEN ${yes} WHEN NOT ${raw} THEN ${no} END`)
      // A custom value is shown as the writer's truthiness test sees it.
      return orNull(
        `CASE jsonb_typeof(${json}) WHEN 'boolean' THEN CASE WHEN (${json})::boolean THEN ${yes} ELSE ${no} END` +
          ` WHEN 'string' THEN CASE WHEN ${json} #>> '{}' = '' THEN ${no} ELSE ${yes} END` +
          ` WHEN 'number' THEN CASE WHEN (${json})::numeric = 0 THEN ${no} ELSE ${yes} END` +
          ` WHEN 'object' THEN ${yes} WHEN 'array' THEN ${yes} END`,
      )
    }
    case 'select': {
      // Labels are constants: they are defused here, the codes without a label in SQL.
      const labels = optionLabels(mf, o)
      if (!labels.size) return protect(text)
      const when = [...labels].map(
        ([code, label]) => ` WHEN ${literal(code)} THEN ${literal(protectText(label) || null)}`,
      )
      return `CASE ${text}${when.join('')} ELSE ${protect(text)} END`
    }
    case 'multiSelect': {
      const labels = optionLabels(mf, o)
      const arr = custom ? `ARRAY(SELECT jsonb_array_elements_text(${json}))` : `coalesce(${raw}, '{}')`
      return protect(joined(arr, labels))
    }
    case 'file':
      return custom ? protect(text) : orNull(text)
    default:
      return protect(text)
  }
}

/**
 * The title of `target`'s record `id` (an SQL expression), defused, or null where the user sees none.
 * Users' names come from a map of the tenant's users built once per statement (an uncorrelated subquery):
 * rows share few owners, and a lookup per row was among the costliest parts of the statement.
 */
async function titleSql(ctx: RequestContext, target: string, id: string): Promise<string | null> {
  const tenant = literal(ctx.tenant.id)
  if (target === 'core.user')
    return `((SELECT jsonb_object_agg(r.id, ${protect('r.name')}) FROM core_user r WHERE r.tenant_id = ${tenant}) ->> (${id})::text)`
  if (target === 'core.file')
    return onlySet(
      id,
      `(SELECT ${protect('r.name')} FROM core_file r WHERE r.tenant_id = ${tenant} AND r.id = ${id})`,
    )
  const tm = await readableTarget(ctx, target)
  if (!tm) return null
  const p = new Params()
  const scope = scopeSql(ctx, tm, 'read', p, 'r')
  const where = `r.tenant_id = ${tenant} AND r.id = ${id}${scope ? ` AND ${inlineParams(scope, p.values)}` : ''}`
  return onlySet(id, `(SELECT ${protect(tm.titleSql('r'))} FROM ${tm.table} r WHERE ${where})`)
}

/** A title's subquery run only for a reference that is set: most optional ones are empty. */
function onlySet(id: string, subquery: string): string {
  return `CASE WHEN ${id} IS NOT NULL THEN ${subquery} END`
}

/** Every entity a polymorphic reference may point at, and the users and files `fillTarget` also titles. */
function parentTargets(ctx: RequestContext, mf: ModelField): string[] {
  const targets = (mf.def as { targets?: readonly string[] }).targets
  const listed = targets?.length ? targets : [...ctx.core.registry.entities.keys()]
  return [...new Set([...listed, 'core.user', 'core.file'])]
}

/**
 * The SQL of each column's cell for one page, with the rights of `ctx`: NULL for a column whose field
 * the user no longer sees (`visible`).
 */
export async function cellsSql(
  ctx: RequestContext,
  columns: CsvColumn[],
  visible: boolean[],
  o: CellWriterOptions,
): Promise<string[]> {
  const out: string[] = []
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i]
    if (!visible[i]) {
      out.push('NULL')
      continue
    }
    const mf = column.field
    const cols = columnsRead(column)
    switch (column.kind) {
      case 'id':
        out.push(`${col('id')}::text`)
        break
      case 'ownerId':
        out.push(`${col('owner_id')}::text`)
        break
      case 'owner':
        out.push(orNull((await titleSql(ctx, 'core.user', col('owner_id'))) ?? 'NULL'))
        break
      case 'meta':
        out.push(instant(col(cols[0]), o.flavour.localDates))
        break
      case 'value':
        out.push(valueSql(mf!, o))
        break
      case 'part': {
        const c = cols[columnsOf(mf!.name, mf!.def).findIndex((s) => s.part === column.part)]
        out.push(protect(col(c)))
        break
      }
      case 'parentEntity': {
        const [e, id] = cols
        out.push(`CASE WHEN ${col(id)} IS NOT NULL THEN ${orNull(col(e))} END`)
        break
      }
      case 'refId': {
        if (mf!.def.type === 'parent') {
          const [e, id] = cols
          out.push(`CASE WHEN ${col(e)} <> '' THEN ${col(id)}::text END`)
        } else out.push(`${col(cols[0])}::text`)
        break
      }
      case 'ref': {
        if (mf!.def.type === 'parent') {
          const [e, id] = cols
          const when: string[] = []
          for (const target of parentTargets(ctx, mf!)) {
            const title = await titleSql(ctx, target, col(id))
            if (title) when.push(` WHEN ${literal(target)} THEN ${title}`)
          }
          out.push(when.length ? orNull(`CASE ${col(e)}${when.join('')} END`) : 'NULL')
        } else {
          const target = mf!.def.type === 'belongsTo' ? mf!.def.target : 'core.user'
          out.push(orNull((await titleSql(ctx, target, col(cols[0]))) ?? 'NULL'))
        }
        break
      }
    }
  }
  return out
}
