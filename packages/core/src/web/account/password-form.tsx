/**
 * Changes the user's password (`POST /api/v1/auth/password { current, next }`).
 * @module
 */
import { createSignal, Show } from 'solid-js'
import { isApiError } from '../api/api-error'
import { request } from '../api/request'
import { useI18n } from '../app/i18n-context'
import { fieldErrorText } from '../form/field-error-text'
import { errorText } from '../ui/states'
import { notify } from '../ui/toaster'

export function PasswordForm() {
  const i18n = useI18n()
  const { t } = i18n
  const [current, setCurrent] = createSignal('')
  const [next, setNext] = createSignal('')
  const [confirm, setConfirm] = createSignal('')
  const [error, setError] = createSignal('')
  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    setError('')
    if (next() !== confirm()) return setError(t('account.passwordMismatch'))
    try {
      await request('/auth/password', { method: 'POST', body: { current: current(), next: next() } })
      setCurrent('')
      setNext('')
      setConfirm('')
      notify('success', t('account.passwordChanged'))
    } catch (err) {
      if (isApiError(err) && err.errors.length)
        setError(err.errors.map((x) => fieldErrorText(i18n, x)).join(' '))
      else setError(errorText(err, t('error.generic')))
    }
  }
  return (
    <form class="card form-stack" onSubmit={submit} aria-labelledby="password-title">
      <h2 id="password-title" class="card-title">
        {t('account.password')}
      </h2>
      <div class="form-field">
        <label for="pw-current">{t('account.currentPassword')}</label>
        <input
          id="pw-current"
          class="input"
          type="password"
          autocomplete="current-password"
          required
          value={current()}
          onInput={(e) => setCurrent(e.currentTarget.value)}
        />
      </div>
      <div class="form-field">
        <label for="pw-next">{t('account.newPassword')}</label>
        <input
          id="pw-next"
          class="input"
          type="password"
          autocomplete="new-password"
          required
          minLength={10}
          value={next()}
          onInput={(e) => setNext(e.currentTarget.value)}
        />
      </div>
      <div class="form-field">
        <label for="pw-confirm">{t('account.confirmPassword')}</label>
        <input
          id="pw-confirm"
          class="input"
          type="password"
          autocomplete="new-password"
          required
          value={confirm()}
          onInput={(e) => setConfirm(e.currentTarget.value)}
        />
      </div>
      <div role="alert">
        <Show when={error()}>
          <p class="form-error">{error()}</p>
        </Show>
      </div>
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={!current() || !next()}>
          {t('account.changePassword')}
        </button>
      </div>
    </form>
  )
}
