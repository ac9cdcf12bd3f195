/**
 * `@comptoir/core`: the isomorphic plugin API — `definePlugin`, `defineEntity`, `extendEntity`, the field
 * builders `f.*` and the types shared by the server, the web app and tests.
 * @module
 */
export { definePlugin, isPluginManifest, NAV_GROUPS } from './plugin/define-plugin'
export type {
  FieldRule,
  Locale,
  Messages,
  NavGroup,
  NavItem,
  PermissionDef,
  PluginInput,
  PluginManifest,
  RoleTemplate,
  RoleTemplateId,
  Scope,
} from './plugin/define-plugin'
export { defineEntity, extendEntity } from './entity/define-entity'
export type {
  EntityActionDef,
  EntityDef,
  EntityExtension,
  EntityInput,
  EntityValidateContext,
  LinkDef,
  PanelDef,
  RecordData,
  RelatedListDef,
} from './entity/define-entity'
export { f, ADDRESS_PARTS, filterOperators } from './entity/fields'
export type { Address, FieldDef, FieldType, FieldValidator } from './entity/fields'
export { validateRecord } from './entity/validate'
export { i18nKeys } from './i18n/keys'
export type { FieldError } from './errors'
export * from './validators/french'
export { refId } from './entity/ref-id'
export { roleTemplates } from './plugin/role-templates'
export type { GrantedEntity } from './plugin/role-templates'
