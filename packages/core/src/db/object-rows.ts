/**
 * Rows read from PostgreSQL as objects of one layout per statement. The driver builds each row object by
 * setting its columns one by one under names known only at run time; past sixteen properties set that
 * way, V8 turns the object into a hash table. A contact row (about fifty columns) then took three times
 * the memory of its values, and every read of it went through a hash lookup. Rows are read as arrays
 * instead and made into objects by a function compiled once per list of columns, whose object literal V8
 * lays out with the properties in place.
 * @module
 */
import type { Row } from './database'

type Build = (values: readonly unknown[]) => Row

/** By the driver's column list, which it keeps with each prepared statement. */
const byColumns = new WeakMap<object, Build>()
/** By the columns' names, for statements the driver does not keep; emptied when full. */
const byNames = new Map<string, Build>()
const BY_NAMES_MAX = 500

/**
 * The function that makes an object of a row's values, in the order of `names`. A name given twice keeps
 * the later value, as the driver's own rows do.
 */
export function rowBuilder(names: readonly string[]): Build {
  // `__proto__` in an object literal sets the prototype rather than a property.
  if (names.includes('__proto__')) {
    return (values) => {
      const row: Row = {}
      for (let i = 0; i < names.length; i++)
        Object.defineProperty(row, names[i], {
          value: values[i],
          enumerable: true,
          writable: true,
          configurable: true,
        })
      return row
    }
  }
  const fields = names.map((n, i) => `${JSON.stringify(n)}: v[${i}]`).join(', ')
  return new Function('v', `return { ${fields} }`) as Build
}

/** The rows of a driver result read with `.values()`, as objects. */
export function objectRows(
  result: readonly (readonly unknown[])[] & { columns?: readonly { name: string }[] },
): Row[] {
  const columns = result.columns
  if (!columns?.length || !result.length) return []
  let build = byColumns.get(columns)
  if (!build) {
    const names = columns.map((c) => c.name)
    const key = names.join('\u0000')
    build = byNames.get(key)
    if (!build) {
      if (byNames.size >= BY_NAMES_MAX) byNames.clear()
      build = rowBuilder(names)
      byNames.set(key, build)
    }
    byColumns.set(columns, build)
  }
  const rows = new Array<Row>(result.length)
  for (let i = 0; i < result.length; i++) rows[i] = build(result[i])
  return rows
}
