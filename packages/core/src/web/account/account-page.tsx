/**
 * My account: language, password, open sessions and API tokens.
 * @module
 */
import { createSignal } from 'solid-js'
import type { Locale } from '../../plugin/define-plugin'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { errorText } from '../ui/states'
import { notify } from '../ui/toaster'
import { ApiTokens } from './api-tokens'
import { changeLocale } from './change-locale'
import { PasswordForm } from './password-form'
import { SessionsList } from './sessions-list'

export function AccountPage() {
  const i18n = useI18n()
  const { t } = i18n
  const session = useSession()
  const [busy, setBusy] = createSignal(false)
  const switchTo = async (locale: Locale) => {
    setBusy(true)
    try {
      await changeLocale(session, i18n, locale)
      notify('success', i18n.t('account.languageSaved'))
    } catch (err) {
      notify('error', t('error.generic'), errorText(err, ''))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div class="account-page">
      <header class="page-header">
        <div>
          <h1>{t('account.title')}</h1>
          <p class="muted">
            {session.bootstrap().user.name} · {session.bootstrap().user.email}
          </p>
        </div>
      </header>
      <div class="stack">
        <section class="card" aria-labelledby="language-title">
          <h2 id="language-title" class="card-title">
            {t('account.language')}
          </h2>
          <div class="inline-form">
            <label for="account-language">{t('account.languageLabel')}</label>
            <select
              id="account-language"
              class="input select"
              value={i18n.locale()}
              disabled={busy()}
              onChange={(e) => switchTo(e.currentTarget.value as Locale)}
            >
              <option value="fr" lang="fr">
                Français
              </option>
              <option value="en" lang="en">
                English
              </option>
            </select>
          </div>
        </section>
        <PasswordForm />
        <SessionsList />
        <ApiTokens />
      </div>
    </div>
  )
}
