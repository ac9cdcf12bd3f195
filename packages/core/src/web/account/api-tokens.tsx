/**
 * Personal API tokens (`/api/v1/auth/tokens`): create one (its secret is shown once), list, revoke.
 * @module
 */
import { createResource, createSignal, For, Show } from 'solid-js'
import { rows } from '../api/records-api'
import { request } from '../api/request'
import { useI18n } from '../app/i18n-context'
import { EmptyState, ErrorState, errorText, Loading } from '../ui/states'
import { notify } from '../ui/toaster'

interface TokenRow {
  id: string
  name: string
  createdAt?: string
  lastUsedAt?: string | null
  expiresAt?: string | null
}

export function ApiTokens() {
  const { t, fmt } = useI18n()
  const [tokens, { refetch }] = createResource(async () =>
    rows(await request<TokenRow[] | { data: TokenRow[] }>('/auth/tokens')),
  )
  const [name, setName] = createSignal('')
  const [secret, setSecret] = createSignal('')
  const create = async (e: SubmitEvent) => {
    e.preventDefault()
    try {
      const res = await request<{ token: string } & Partial<TokenRow>>('/auth/tokens', {
        method: 'POST',
        body: { name: name().trim() },
      })
      setSecret(res.token)
      setName('')
      refetch()
    } catch (err) {
      notify('error', t('error.generic'), errorText(err, ''))
    }
  }
  const revoke = async (tok: TokenRow) => {
    try {
      await request(`/auth/tokens/${tok.id}`, { method: 'DELETE' })
      notify('success', t('account.tokenRevoked', { name: tok.name }))
      refetch()
    } catch (err) {
      notify('error', t('error.generic'), errorText(err, ''))
    }
  }
  return (
    <section class="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title" class="card-title">
        {t('account.tokens')}
      </h2>
      <form class="inline-form" onSubmit={create}>
        <label for="token-name">{t('account.tokenName')}</label>
        <input
          id="token-name"
          class="input"
          required
          value={name()}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <button type="submit" class="button" disabled={!name().trim()}>
          {t('account.createToken')}
        </button>
      </form>
      <Show when={secret()}>
        <div class="token-secret" role="status">
          <p>{t('account.tokenOnce')}</p>
          <label for="token-secret" class="visually-hidden">
            {t('account.tokenValue')}
          </label>
          <input
            id="token-secret"
            class="input mono"
            readOnly
            value={secret()}
            onFocus={(e) => e.currentTarget.select()}
          />
          <button
            type="button"
            class="button button-small"
            onClick={() =>
              navigator.clipboard?.writeText(secret()).then(() => notify('success', t('account.copied')))
            }
          >
            {t('account.copy')}
          </button>
        </div>
      </Show>
      <Show when={!tokens.error} fallback={<ErrorState error={tokens.error} onRetry={refetch} />}>
        <Show when={tokens.latest} fallback={<Loading />}>
          <Show when={tokens.latest!.length > 0} fallback={<EmptyState title={t('account.noTokens')} />}>
            <table class="data-table compact">
              <caption class="visually-hidden">{t('account.tokens')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('account.tokenName')}</th>
                  <th scope="col">{t('account.lastUsed')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={tokens.latest}>
                  {(tok) => (
                    <tr>
                      <td>{tok.name}</td>
                      <td>{tok.lastUsedAt ? fmt().dateTime(tok.lastUsedAt) : t('account.never')}</td>
                      <td class="row-actions">
                        <button type="button" class="button button-small" onClick={() => revoke(tok)}>
                          {t('account.revoke')}
                          <span class="visually-hidden"> {tok.name}</span>
                        </button>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        </Show>
      </Show>
    </section>
  )
}
