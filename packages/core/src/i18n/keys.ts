/** Conventional i18n keys derived from metadata. Every plugin ships them in `fr` and `en`. */
export const i18nKeys = {
  plugin: (plugin: string) => `${plugin}:plugin.title`,
  entityOne: (plugin: string, entity: string) => `${plugin}:entity.${entity}.one`,
  entityMany: (plugin: string, entity: string) => `${plugin}:entity.${entity}.many`,
  field: (plugin: string, entity: string, field: string) => `${plugin}:field.${entity}.${field}`,
  option: (plugin: string, entity: string, field: string, value: string) =>
    `${plugin}:option.${entity}.${field}.${value}`,
  section: (plugin: string, entity: string, section: string) => `${plugin}:section.${entity}.${section}`,
  action: (plugin: string, entity: string, action: string) => `${plugin}:action.${entity}.${action}`,
  relatedList: (plugin: string, id: string) => `${plugin}:related.${id}`,
  nav: (plugin: string, id: string) => `${plugin}:nav.${id}`,
}
