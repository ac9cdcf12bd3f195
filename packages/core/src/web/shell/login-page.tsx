/**
 * The login page. Errors show in place; a throttled login says how long to wait; when the e-mail
 * belongs to several workspaces the server asks for the workspace's short name, which the user can also
 * give from the start (their password may differ from one workspace to another).
 * @module
 */
import { useNavigate, useSearchParams } from '@solidjs/router'
import { createSignal, Show } from 'solid-js'
import { isApiError } from '../api/api-error'
import { request } from '../api/request'
import { useI18n } from '../app/i18n-context'

export function waitText(seconds: number, locale: string): string {
  const minutes = Math.ceil(seconds / 60)
  const unit = seconds < 60 ? { n: seconds, unit: 'second' } : { n: minutes, unit: 'minute' }
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', {
    style: 'unit',
    unit: unit.unit,
    unitDisplay: 'long',
  }).format(unit.n)
}

export function LoginPage() {
  const { t, locale } = useI18n()
  const navigate = useNavigate()
  const [params] = useSearchParams<{ next?: string }>()
  const [email, setEmail] = createSignal('')
  const [password, setPassword] = createSignal('')
  const [tenant, setTenant] = createSignal('')
  const [needTenant, setNeedTenant] = createSignal(false)
  const [error, setError] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  let tenantInput: HTMLInputElement | undefined

  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    setBusy(true)
    setError('')
    try {
      await request('/auth/login', {
        method: 'POST',
        body: {
          email: email().trim(),
          password: password(),
          ...(needTenant() ? { tenant: tenant().trim() } : {}),
        },
      })
      const next = params.next?.startsWith('/') && !params.next.startsWith('//') ? params.next : '/'
      navigate(next, { replace: true })
    } catch (err) {
      if (isApiError(err) && err.status === 409 && err.code === 'tenant-required') {
        setNeedTenant(true)
        setError(t('login.tenantRequired'))
        queueMicrotask(() => tenantInput?.focus())
      } else if (isApiError(err) && err.status === 429) {
        setError(t('login.throttled', { wait: waitText(err.retryAfter ?? 60, locale()) }))
      } else if (isApiError(err) && (err.status === 401 || err.status === 400 || err.status === 422)) {
        setError(t('login.invalid'))
      } else if (isApiError(err) && err.status === 404 && needTenant()) {
        setError(t('login.unknownTenant'))
      } else {
        setError(isApiError(err) ? (err.problem.detail ?? t('error.generic')) : t('error.network'))
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <main class="login" id="main">
      <form class="login-card" onSubmit={submit} aria-labelledby="login-title" novalidate>
        <div class="login-brand" aria-hidden="true">
          <span class="brand-mark">C</span>
          <span class="brand-name">Comptoir</span>
        </div>
        <h1 id="login-title">{t('login.title')}</h1>
        <div class="login-error" role="alert">
          <Show when={error()}>
            <p class="form-error">{error()}</p>
          </Show>
        </div>
        <div class="form-field">
          <label for="login-email">{t('login.email')}</label>
          <input
            id="login-email"
            class="input"
            type="email"
            autocomplete="username"
            required
            value={email()}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </div>
        <div class="form-field">
          <label for="login-password">{t('login.password')}</label>
          <input
            id="login-password"
            class="input"
            type="password"
            autocomplete="current-password"
            required
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </div>
        <Show when={needTenant()}>
          <div class="form-field">
            <label for="login-tenant">{t('login.tenant')}</label>
            <input
              id="login-tenant"
              ref={tenantInput}
              class="input"
              type="text"
              autocomplete="organization"
              required
              aria-describedby="login-tenant-hint"
              value={tenant()}
              onInput={(e) => setTenant(e.currentTarget.value)}
            />
            <p id="login-tenant-hint" class="field-hint">
              {t('login.tenantHint')}
            </p>
          </div>
        </Show>
        <Show when={!needTenant()}>
          <button
            type="button"
            class="button button-ghost button-small login-choose-tenant"
            onClick={() => {
              setNeedTenant(true)
              tenantInput?.focus()
            }}
          >
            {t('login.chooseTenant')}
          </button>
        </Show>
        <button type="submit" class="button button-primary button-block" disabled={busy()}>
          {busy() ? t('login.busy') : t('login.submit')}
        </button>
      </form>
    </main>
  )
}
