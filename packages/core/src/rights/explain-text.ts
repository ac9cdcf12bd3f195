/**
 * The access explanation in words, in the reader's language: one sentence per action and per field
 * rule, naming the roles and the scope that decide, e.g. « Modifier : refusé ; la portée accordée
 * (ses propres enregistrements, par le rôle « Commercial ») ne couvre pas cet enregistrement de Lucie Martin. »
 * @module
 */
import type { Locale } from '../plugin/define-plugin'
import type { ActionAccess, FieldAccess } from './explain-access'

export type Translate = (key: string, params?: Record<string, unknown>) => string

export interface Subject {
  /** The user whose rights are explained. */
  user: string
  /** The plugin's title. */
  plugin: string
  /** The record asked about, with its owner's name (`null`: nobody owns it). */
  record?: { owner: string | null }
  /** The entity's read scope (why other actions cannot reach a record it does not cover). */
  readScope: string
}

function quote(locale: Locale, name: string): string {
  return locale === 'fr' ? `«\u202f${name}\u202f»` : `“${name}”`
}

function roleList(t: Translate, locale: Locale, names: string[]): string {
  const quoted = new Intl.ListFormat(locale, { type: 'conjunction' }).format(
    names.map((n) => quote(locale, n)),
  )
  return t(names.length > 1 ? 'core:access.roles' : 'core:access.role', { names: quoted })
}

export function actionSentence(
  t: Translate,
  locale: Locale,
  a: ActionAccess,
  label: string,
  s: Subject,
): string {
  const scope = t(`core:access.scope.${a.scope}`)
  const roles = roleList(
    t,
    locale,
    a.grantedBy.map((r) => r.name),
  )
  const record = s.record
    ? s.record.owner
      ? t('core:access.recordOf', { owner: s.record.owner })
      : t('core:access.recordUnowned')
    : ''
  const p = { action: label, user: s.user, plugin: s.plugin, permission: a.permission, scope, roles, record }
  switch (a.reason) {
    case 'admin':
      return t('core:access.admin', p)
    case 'inactive':
      return t('core:access.inactive', p)
    case 'plugin-disabled':
      return t('core:access.pluginDisabled', p)
    case 'no-grant':
      return t('core:access.noGrant', p)
    case 'not-visible':
      return t('core:access.notVisible', { ...p, scope: t(`core:access.scope.${s.readScope}`) })
    case 'out-of-scope':
      return t('core:access.outOfScope', p)
    default:
      return t(a.ownerCovered ? 'core:access.grantedRecord' : 'core:access.granted', p)
  }
}

export function fieldSentence(t: Translate, locale: Locale, f: FieldAccess, label: string): string {
  const restricting = roleList(
    t,
    locale,
    f.roles.filter((r) => r.rule).map((r) => r.name),
  )
  const field = quote(locale, label)
  if (f.rule === 'hidden') return t('core:access.field.hidden', { field, roles: restricting })
  if (f.rule === 'readOnly') return t('core:access.field.readOnly', { field, roles: restricting })
  const others = roleList(
    t,
    locale,
    f.roles.filter((r) => !r.rule).map((r) => r.name),
  )
  return t('core:access.field.open', { field, roles: restricting, others })
}
