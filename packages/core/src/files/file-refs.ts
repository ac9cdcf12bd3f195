/**
 * Where records refer to uploaded files: the SQL, per entity, that finds the rows whose file fields
 * (entity columns, or extension fields in `custom`) hold a given file id.
 * @module
 */
import { columnsOf } from '../entity/columns'
import type { FieldDef } from '../entity/fields'
import { ident } from '../entity/naming'
import type { ResolvedEntity } from '../plugin/registry'
import type { EntityModel } from '../records/entity-model'

/** Predicates `<expr> = <param>` matching `param` (a file id) in each file field. */
export function fileFieldPredicates(
  fields: Iterable<{ name: string; def: FieldDef; origin: string; jsonKey?: string }>,
  param: string,
  alias = 't',
): string[] {
  const out: string[] = []
  for (const mf of fields) {
    if (mf.def.type !== 'file') continue
    if (mf.origin === 'entity')
      out.push(`${alias}.${ident(columnsOf(mf.name, mf.def)[0].column)} = ${param}::uuid`)
    else if (mf.origin === 'ext' && mf.jsonKey)
      out.push(`${alias}.custom->>'${mf.jsonKey.replace(/'/g, "''")}' = ${param}::text`)
  }
  return out
}

/** Every file field of an entity, whatever the tenant's plugins and the user's rights. */
export function allFileFields(entity: ResolvedEntity) {
  return [
    ...Object.entries(entity.fields).map(([name, def]) => ({ name, def, origin: 'entity' })),
    ...Object.entries(entity.extFields).map(([name, x]) => ({
      name,
      def: x.field,
      origin: 'ext',
      jsonKey: x.key,
    })),
  ]
}

/** The file fields the user sees in this model. */
export function visibleFileFields(model: EntityModel) {
  return [...model.fields.values()].filter((mf) => mf.def.type === 'file')
}
