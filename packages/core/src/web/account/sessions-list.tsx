/**
 * The user's open sessions (`GET /api/v1/auth/sessions`), each revocable.
 * @module
 */
import { createResource, For, Show } from 'solid-js'
import { rows } from '../api/records-api'
import { request } from '../api/request'
import { useI18n } from '../app/i18n-context'
import { EmptyState, ErrorState, errorText, Loading } from '../ui/states'
import { notify } from '../ui/toaster'

interface SessionRow {
  id: string
  current?: boolean
  userAgent?: string
  ip?: string
  createdAt?: string
  lastUsedAt?: string
  expiresAt?: string
}

export function SessionsList() {
  const { t, fmt } = useI18n()
  const [sessions, { refetch }] = createResource(async () =>
    rows(await request<SessionRow[] | { data: SessionRow[] }>('/auth/sessions')),
  )
  const revoke = async (s: SessionRow) => {
    try {
      await request(`/auth/sessions/${s.id}`, { method: 'DELETE' })
      notify('success', t('account.sessionRevoked'))
      refetch()
    } catch (err) {
      notify('error', t('error.generic'), errorText(err, ''))
    }
  }
  return (
    <section class="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title" class="card-title">
        {t('account.sessions')}
      </h2>
      <Show when={!sessions.error} fallback={<ErrorState error={sessions.error} onRetry={refetch} />}>
        <Show when={sessions.latest} fallback={<Loading />}>
          <Show when={sessions.latest!.length > 0} fallback={<EmptyState title={t('account.noSessions')} />}>
            <table class="data-table compact">
              <caption class="visually-hidden">{t('account.sessions')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('account.device')}</th>
                  <th scope="col">{t('account.lastSeen')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={sessions.latest}>
                  {(s) => (
                    <tr>
                      <td>
                        {s.userAgent ?? s.ip ?? s.id}
                        <Show when={s.current}>
                          <span class="chip"> {t('account.thisSession')}</span>
                        </Show>
                      </td>
                      <td>{fmt().dateTime(s.lastUsedAt ?? s.createdAt)}</td>
                      <td class="row-actions">
                        <Show when={!s.current}>
                          <button type="button" class="button button-small" onClick={() => revoke(s)}>
                            {t('account.revoke')}
                          </button>
                        </Show>
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
