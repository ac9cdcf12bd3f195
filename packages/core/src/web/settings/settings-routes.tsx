/**
 * `/settings/<section>`: the administrators' pages with their own navigation.
 * @module
 */
import { A, Navigate, useParams } from '@solidjs/router'
import { type Component, For, Match, Show, Switch } from 'solid-js'
import { Dynamic } from 'solid-js/web'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import type { MessageKey } from '../i18n/translator'
import { NotFoundPage } from '../shell/not-found-page'
import { EmptyState } from '../ui/states'
import { CompanySettings } from './company-settings'
import { CustomFieldsSettings } from './custom-fields-settings'
import { NumberingSettings } from './numbering-settings'
import { PluginsSettings } from './plugins-settings'
import { RolesSettings } from './roles-settings'
import { TeamsSettings } from './teams-settings'
import { TrashSettings } from './trash-settings'
import { UsersSettings } from './users-settings'

const SECTIONS: [string, MessageKey, Component][] = [
  ['users', 'settings.users', UsersSettings],
  ['teams', 'settings.teams', TeamsSettings],
  ['roles', 'settings.roles', RolesSettings],
  ['plugins', 'settings.plugins', PluginsSettings],
  ['custom-fields', 'settings.customFields', CustomFieldsSettings],
  ['numbering', 'settings.numbering', NumberingSettings],
  ['company', 'settings.company', CompanySettings],
  ['trash', 'settings.trash', TrashSettings],
]

export function SettingsRoutes() {
  const { t } = useI18n()
  const session = useSession()
  const params = useParams<{ section?: string }>()
  const current = () => SECTIONS.find(([id]) => id === params.section)
  return (
    <Show
      when={session.bootstrap().user.isAdmin}
      fallback={<EmptyState title={t('settings.forbidden')} hint={t('settings.forbiddenHint')} />}
    >
      <Switch fallback={<NotFoundPage />}>
        <Match when={!params.section}>
          <Navigate href="/settings/users" />
        </Match>
        <Match when={current()}>
          {(section) => (
            <div class="settings-layout">
              <nav class="settings-nav" aria-label={t('settings.title')}>
                <ul>
                  <For each={SECTIONS}>
                    {([id, label]) => (
                      <li>
                        <A href={`/settings/${id}`} class="nav-link">
                          {t(label)}
                        </A>
                      </li>
                    )}
                  </For>
                </ul>
              </nav>
              <div class="settings-content">
                <Dynamic component={section()[2]} />
              </div>
            </div>
          )}
        </Match>
      </Switch>
    </Show>
  )
}
