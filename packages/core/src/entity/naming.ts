/** Naming rules shared by tables, columns, refs and i18n keys. */

export const PLUGIN_ID_RE = /^[a-z][a-z0-9-]{1,30}$/
export const ENTITY_NAME_RE = /^[a-z][a-zA-Z0-9]{1,40}$/
export const FIELD_NAME_RE = /^[a-z][a-zA-Z0-9]{0,50}$/

/** `firstName` → `first_name`. */
export function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
}

/** `first_name` → `firstName`. */
export function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())
}

/** Table of an entity: plugin `sales-orders`, entity `orderLine` → `sales_orders_order_line`. */
export function tableName(pluginId: string, entity: string): string {
  return `${pluginId.replace(/-/g, '_')}_${snake(entity)}`
}

export function splitRef(ref: string): { plugin: string; entity: string } {
  const dot = ref.indexOf('.')
  return { plugin: ref.slice(0, dot), entity: ref.slice(dot + 1) }
}

/** Double-quoted SQL identifier. Only names from metadata reach here, never request data. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}
