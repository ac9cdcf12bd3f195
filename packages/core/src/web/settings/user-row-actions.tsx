/**
 * A user's own actions in the users list: deactivate (after saying what it ends), reactivate, and send the
 * invitation again to someone who has not chosen a password yet.
 * @module
 */
import { createSignal, Show } from 'solid-js'
import { request } from '../api/request'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { ConfirmDialog } from '../ui/confirm-dialog'
import { errorText } from '../ui/states'
import { notify } from '../ui/toaster'
import type { AdminRow } from './admin-table'

export interface UserRowActionsProps {
  user: AdminRow
  /** Called after the server accepted a change, to reload the list. */
  onChanged: () => void
}

type UserAction = 'deactivate' | 'activate' | 'invite'

export function UserRowActions(props: UserRowActionsProps) {
  const { t } = useI18n()
  const session = useSession()
  const [confirming, setConfirming] = createSignal(false)
  const [busy, setBusy] = createSignal(false)
  const name = () => String(props.user.name ?? props.user.email)
  const active = () => props.user.status !== 'inactive'
  // The server refuses it, and a button that can only fail is a trap.
  const self = () => props.user.id === session.bootstrap().user.id

  const run = async (action: UserAction, success: () => string) => {
    setBusy(true)
    try {
      await request(`/admin/users/${encodeURIComponent(String(props.user.id))}/${action}`, { method: 'POST' })
      notify('success', success())
      props.onChanged()
    } catch (err) {
      notify('error', t('settings.actionFailed'), errorText(err, t('error.generic')))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Show when={active() && props.user.invited}>
        <button
          type="button"
          class="button button-small"
          disabled={busy()}
          aria-label={t('settings.resendInviteRow', { name: name() })}
          onClick={() => run('invite', () => t('settings.inviteSent', { email: String(props.user.email) }))}
        >
          {t('settings.resendInvite')}
        </button>
      </Show>
      <Show when={active() && !self()}>
        <button
          type="button"
          class="button button-small button-danger-ghost"
          disabled={busy()}
          aria-label={t('settings.deactivateRow', { name: name() })}
          onClick={() => setConfirming(true)}
        >
          {t('settings.deactivate')}
        </button>
      </Show>
      <Show when={!active()}>
        <button
          type="button"
          class="button button-small"
          disabled={busy()}
          aria-label={t('settings.reactivateRow', { name: name() })}
          onClick={() => run('activate', () => t('settings.reactivated', { name: name() }))}
        >
          {t('settings.reactivate')}
        </button>
      </Show>
      <ConfirmDialog
        open={confirming()}
        title={t('settings.deactivateTitle', { name: name() })}
        message={t('settings.deactivateMessage', { name: name() })}
        confirmLabel={t('settings.deactivate')}
        danger
        onConfirm={async () => {
          await run('deactivate', () => t('settings.deactivated', { name: name() }))
          setConfirming(false)
        }}
        onCancel={() => setConfirming(false)}
      />
    </>
  )
}
