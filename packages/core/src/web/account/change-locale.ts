/**
 * Switches the interface language at once, then saves it as the user's setting (`PATCH /api/v1/auth/me`)
 * and reloads the bootstrap, whose plugin and entity labels follow it.
 * @module
 */
import type { Locale } from '../../plugin/define-plugin'
import { request } from '../api/request'
import type { I18n } from '../app/i18n-context'
import type { Session } from '../app/session-context'

export async function changeLocale(session: Session, i18n: I18n, locale: Locale): Promise<void> {
  i18n.setLocale(locale)
  await request('/auth/me', { method: 'PATCH', body: { locale } })
  await session.reload()
}
