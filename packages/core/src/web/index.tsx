/**
 * `@comptoir/core/web`: the web shell (login, sidebar, global search, notifications), the generic record
 * pages driven by the bootstrap metadata, and what plugins' web parts build on: `defineWebPlugin`,
 * `<Slot>`, the session and i18n contexts, the API client and the field widgets.
 * Shipped as Solid source; the app bundles it with `vite-plugin-solid`.
 * @module
 */

export { App, type AppProps, mountApp } from './mount-app'
export {
  defineWebPlugin,
  isWebPlugin,
  type FieldWidgetProps,
  type LazyComponent,
  type PluginLoaders,
  type SlotContribution,
  type SlotName,
  type WebPage,
  type WebPlugin,
  type WebPluginInput,
} from './plugins/define-web-plugin'
export { Slot, type SlotProps } from './plugins/slot'
export type { BeforeSaveProps } from './form/before-save'
export { type I18n, I18nProvider, useI18n } from './app/i18n-context'
export { createSession, type Session, SessionContext, useSession } from './app/session-context'
export { createPluginRuntime, type PluginRuntime } from './plugins/plugin-runtime'
export type { Bootstrap, EntityMeta, FieldMeta, NavEntry } from '../records/metadata-types'
export { ApiError, isApiError, type Problem } from './api/api-error'
export { request, type RequestOptions } from './api/request'
export { records, rows } from './api/records-api'
export { type FilterRow, type ListCriteria, listParams } from './api/list-params'
export { FilterBuilder, type FilterBuilderProps } from './list/filter-builder'
export { createListState, type ListState, type ViewConfig } from './list/list-state'
export { createListData, type ListData } from './list/list-data'
export { availableColumns, columnField, filterableFields } from './list/columns'
export { RecordsTable, type RecordsTableProps } from './list/records-table'
export { ColumnChooser, type ColumnChooserProps } from './list/column-chooser'
export { type SavedView, SavedViews, type SavedViewsProps } from './list/saved-views'
export { BulkBar, type BulkBarProps } from './list/bulk-bar'
export { ImportWizard, type ImportWizardProps } from './import/import-wizard'
export { MappingStep, type MappingStepProps } from './import/mapping-step'
export { formatDuration, initialPlan, type MappingPlan, mappingOf, planProblems } from './import/import-plan'
export { type ImportPreview, type ImportStatus, imports } from './api/import-api'
export { FieldInput } from './fields/field-input'
export { FieldValue } from './fields/field-value'
export { ReferencePicker, type RefOption } from './fields/reference-picker'
export { recordPath } from './fields/field-def'
export { createFormatter, type Formatter, sumDecimals } from './i18n/format'
export { Modal } from './ui/modal'
export { ConfirmDialog } from './ui/confirm-dialog'
export { notify } from './ui/toaster'
export { EmptyState, ErrorState, Loading } from './ui/states'
