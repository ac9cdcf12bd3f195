/**
 * `defineWebPlugin`: what a plugin's `./web` entry default-exports. Pure data: components are lazy
 * imports referenced by id from the metadata (`actions[].component`, `panels[].component`), pages get a
 * route under `/p/<plugin>/`, slot contributions render inside the generic pages.
 * @module
 */
import type { Component } from 'solid-js'
import type { FieldMeta } from '../../records/metadata-types'

/** A component loaded on first use, as `() => import('./convert-dialog')`. */
export type LazyComponent<P extends Record<string, any> = any> = () => Promise<{ default: Component<P> }>

/** The named places where plugins contribute UI. */
export type SlotName =
  | 'record.list.toolbar'
  | 'record.list.bulkActions'
  | 'record.detail.header.actions'
  | 'record.detail.sidebar'
  | 'record.detail.tabs'
  /** Shown when a create or edit form is submitted, before saving: see `BeforeSaveProps`. */
  | 'record.form.beforeSave'
  | 'dashboard.widgets'

export interface SlotContribution {
  slot: SlotName
  /** Entity ref (`accounts.account`); without one the contribution shows for every entity. */
  entity?: string
  /** Tab title for `record.detail.tabs` (an i18n key of the plugin or plain text). */
  label?: string
  position?: number
  component: LazyComponent
}

export interface WebPage {
  id: string
  /** Path under `/p/<plugin>`, e.g. `pipeline` or `pipeline/:id`. */
  path: string
  component: LazyComponent
}

/** Props every field widget receives, built-in or contributed. */
export interface FieldWidgetProps {
  id: string
  field: FieldMeta
  value: unknown
  onChange: (value: unknown) => void
  label: string
  invalid?: boolean
  describedBy?: string
  disabled?: boolean
}

export interface WebPluginInput {
  id: string
  components?: Record<string, LazyComponent>
  pages?: WebPage[]
  slots?: SlotContribution[]
  /** Widgets keyed by field type (`phone`) or by `<entity ref>.<field>`; the more specific wins. */
  fieldWidgets?: Record<string, LazyComponent<FieldWidgetProps>>
  /**
   * Per entity ref, when a record can no longer be edited (a converted lead): its Edit button is hidden.
   * The server still enforces the rule.
   */
  readOnlyWhen?: Record<string, (record: Record<string, unknown>) => boolean>
}

export interface WebPlugin extends Required<Omit<WebPluginInput, 'readOnlyWhen'>> {
  readonly $$type: '@comptoir/WebPlugin'
  readonly readOnlyWhen?: WebPluginInput['readOnlyWhen']
}

/**
 * Declares a plugin's web part.
 * @example
 * export default defineWebPlugin({
 *   id: 'leads',
 *   components: { 'leads.convertDialog': () => import('./convert-dialog') },
 *   slots: [{ slot: 'record.detail.sidebar', entity: 'leads.lead', component: () => import('./score-panel') }],
 * })
 */
export function defineWebPlugin(input: WebPluginInput): WebPlugin {
  return {
    $$type: '@comptoir/WebPlugin',
    id: input.id,
    components: input.components ?? {},
    pages: input.pages ?? [],
    slots: input.slots ?? [],
    fieldWidgets: input.fieldWidgets ?? {},
    readOnlyWhen: input.readOnlyWhen,
  }
}

export function isWebPlugin(x: unknown): x is WebPlugin {
  return typeof x === 'object' && x !== null && (x as WebPlugin).$$type === '@comptoir/WebPlugin'
}

/** What `virtual:comptoir/plugins` exports: one lazy chunk per installed plugin. */
export type PluginLoaders = Record<string, () => Promise<{ default: WebPlugin }>>
