/**
 * A role's grants: entity × action (read, create, update, delete, restore, purge, import, export), each with
 * a scope (all, team, own, none); plugin actions (convert, send…) below.
 * @module
 */
import { For, Show } from 'solid-js'
import type { Scope } from '../../plugin/define-plugin'
import type { EntityMeta } from '../../records/metadata-types'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import type { MessageKey } from '../i18n/translator'

export const GRANT_ACTIONS = [
  'read',
  'create',
  'update',
  'delete',
  'restore',
  'purge',
  'import',
  'export',
] as const
export const SCOPES: Scope[] = ['all', 'team', 'own', 'none']

export interface GrantsMatrixProps {
  grants: Record<string, Scope>
  onChange: (key: string, scope: Scope) => void
}

export function GrantsMatrix(props: GrantsMatrixProps) {
  const { t } = useI18n()
  const session = useSession()
  const entities = () =>
    Object.values(session.bootstrap().entities).sort((a, b) =>
      session.labels().entityPlural(a).localeCompare(session.labels().entityPlural(b)),
    )
  const crudKeys = () => new Set(entities().flatMap((e) => GRANT_ACTIONS.map((a) => `${e.ref}.${a}`)))
  const extra = () =>
    Object.keys(session.bootstrap().permissions)
      .filter((k) => !crudKeys().has(k))
      .sort()
  const scopeSelect = (key: string, label: string) => (
    <select
      class="input select select-compact"
      classList={{ [`scope-${props.grants[key] ?? 'none'}`]: true }}
      aria-label={label}
      value={props.grants[key] ?? 'none'}
      onChange={(e) => props.onChange(key, e.currentTarget.value as Scope)}
    >
      <For each={SCOPES}>{(s) => <option value={s}>{t(`scope.${s}` as MessageKey)}</option>}</For>
    </select>
  )
  const name = (e: EntityMeta) => session.labels().entityPlural(e)
  return (
    <div class="grants">
      <div class="table-scroll-x">
        <table class="data-table compact grants-table">
          <caption>{t('roles.grants')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('settings.entity')}</th>
              <For each={GRANT_ACTIONS}>{(a) => <th scope="col">{t(`grant.${a}` as MessageKey)}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={entities()}>
              {(e) => (
                <tr>
                  <th scope="row">{name(e)}</th>
                  <For each={GRANT_ACTIONS}>
                    {(a) => (
                      <td>{scopeSelect(`${e.ref}.${a}`, `${name(e)} — ${t(`grant.${a}` as MessageKey)}`)}</td>
                    )}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={extra().length > 0}>
        <table class="data-table compact">
          <caption>{t('roles.otherPermissions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('roles.permission')}</th>
              <th scope="col">{t('roles.scope')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={extra()}>
              {(key) => (
                <tr>
                  <th scope="row">
                    <code>{key}</code>
                  </th>
                  <td>{scopeSelect(key, key)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </div>
  )
}
