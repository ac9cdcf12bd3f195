/**
 * The sidebar: the tenant's modules grouped as in the seed (Personnel, Marketing et ventes, …), the
 * recycle bin under Outils, and the settings for administrators.
 * @module
 */
import { A } from '@solidjs/router'
import { For, Show } from 'solid-js'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import type { MessageKey } from '../i18n/translator'
import { IconHome, IconSettings } from '../ui/icons'
import { navSections } from './nav-links'

export function Sidebar() {
  const { t } = useI18n()
  const session = useSession()
  const sections = () =>
    navSections(session.bootstrap(), session.runtime(), session.labels().msg, t('trash.title'))
  return (
    <nav class="sidebar" aria-label={t('shell.navigation')}>
      <A href="/" class="sidebar-brand" end>
        <span class="brand-mark" aria-hidden="true">
          C
        </span>
        <span>
          <span class="brand-name">Comptoir</span>
          <span class="brand-tenant">{session.bootstrap().tenant.name}</span>
        </span>
      </A>
      <A href="/" class="nav-link" end>
        <IconHome size={16} aria-hidden="true" />
        {t('shell.home')}
      </A>
      <For each={sections()}>
        {(section) => (
          <section class="nav-group" aria-labelledby={`nav-${section.group}`}>
            <h2 id={`nav-${section.group}`} class="nav-group-title">
              {t(`nav.group.${section.group}` as MessageKey)}
            </h2>
            <ul>
              <For each={section.links}>
                {(link) => (
                  <li>
                    <A href={link.href} class="nav-link">
                      {link.label}
                    </A>
                  </li>
                )}
              </For>
            </ul>
          </section>
        )}
      </For>
      <div class="nav-footer">
        <Show when={session.bootstrap().user.isAdmin}>
          <A href="/settings" class="nav-link">
            <IconSettings size={16} aria-hidden="true" />
            {t('settings.title')}
          </A>
        </Show>
      </div>
    </nav>
  )
}
