/**
 * The user menu: my account, language, sign out.
 * @module
 */
import { DropdownMenu } from '@kobalte/core/dropdown-menu'
import { useNavigate } from '@solidjs/router'
import type { Locale } from '../../plugin/define-plugin'
import { changeLocale } from '../account/change-locale'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { IconChevronDown, IconLogOut, IconUser } from '../ui/icons'
import { notify } from '../ui/toaster'

export function UserMenu() {
  const i18n = useI18n()
  const { t } = i18n
  const session = useSession()
  const navigate = useNavigate()
  const user = () => session.bootstrap().user
  const setLocale = (l: string) =>
    changeLocale(session, i18n, l as Locale).catch(() => notify('error', t('error.generic')))
  return (
    <DropdownMenu>
      <DropdownMenu.Trigger class="user-trigger">
        <span class="avatar" aria-hidden="true">
          {user().name.slice(0, 1).toUpperCase()}
        </span>
        <span class="user-name">{user().name}</span>
        <span class="visually-hidden">{t('user.menu')}</span>
        <IconChevronDown size={14} aria-hidden="true" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="menu">
          <div class="menu-header">
            <strong>{user().name}</strong>
            <span class="muted">{user().email}</span>
          </div>
          <DropdownMenu.Item class="menu-item" onSelect={() => navigate('/account')}>
            <IconUser size={16} aria-hidden="true" />
            {t('account.title')}
          </DropdownMenu.Item>
          <DropdownMenu.Separator class="menu-separator" />
          <DropdownMenu.Group>
            <DropdownMenu.GroupLabel class="menu-label">{t('account.language')}</DropdownMenu.GroupLabel>
            <DropdownMenu.RadioGroup value={i18n.locale()} onChange={setLocale}>
              <DropdownMenu.RadioItem class="menu-item" value="fr" closeOnSelect>
                <DropdownMenu.ItemIndicator class="menu-indicator">✓</DropdownMenu.ItemIndicator>
                Français
              </DropdownMenu.RadioItem>
              <DropdownMenu.RadioItem class="menu-item" value="en" closeOnSelect>
                <DropdownMenu.ItemIndicator class="menu-indicator">✓</DropdownMenu.ItemIndicator>
                English
              </DropdownMenu.RadioItem>
            </DropdownMenu.RadioGroup>
          </DropdownMenu.Group>
          <DropdownMenu.Separator class="menu-separator" />
          <DropdownMenu.Item class="menu-item" onSelect={() => session.logout()}>
            <IconLogOut size={16} aria-hidden="true" />
            {t('user.logout')}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu>
  )
}
