/**
 * The top bar: global search (also Ctrl+K / ⌘K), notifications and the user menu.
 * @module
 */
import { useI18n } from '../app/i18n-context'
import { IconSearch } from '../ui/icons'
import { openCommandPalette } from './command-palette'
import { NotificationsButton } from './notifications-button'
import { UserMenu } from './user-menu'

export function TopBar() {
  const { t } = useI18n()
  const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)
  return (
    <header class="topbar">
      <button
        type="button"
        class="search-trigger"
        onClick={() => openCommandPalette()}
        aria-keyshortcuts="Control+K Meta+K"
      >
        <IconSearch size={16} aria-hidden="true" />
        <span>{t('search.placeholder')}</span>
        <kbd>{mac ? '⌘K' : 'Ctrl K'}</kbd>
      </button>
      <div class="topbar-actions">
        <NotificationsButton />
        <UserMenu />
      </div>
    </header>
  )
}
