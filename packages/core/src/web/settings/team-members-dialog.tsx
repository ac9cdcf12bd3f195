/**
 * Chooses a team's members among the tenant's active users; saving adds and removes only the difference
 * (`POST` / `DELETE /api/v1/admin/teams/:id/members`), so each change is audited on its own and members
 * who were deactivated meanwhile stay as they are.
 * @module
 */
import { createResource, createSignal, For, Show } from 'solid-js'
import { rows } from '../api/records-api'
import { request } from '../api/request'
import { useI18n } from '../app/i18n-context'
import { Modal } from '../ui/modal'
import { EmptyState, ErrorState, errorText, Loading } from '../ui/states'
import { notify } from '../ui/toaster'
import type { AdminRow } from './admin-table'

type Member = { id: string; name: string; email: string }

export interface TeamMembersDialogProps {
  team: AdminRow
  onClose: () => void
  /** Called once the server holds new members (also after a partial failure). */
  onChanged: () => void
}

export function TeamMembersDialog(props: TeamMembersDialogProps) {
  const { t } = useI18n()
  const [users, { refetch }] = createResource(async () =>
    rows(await request<Member[] | { data: Member[] }>('/admin/users', { query: { status: 'active' } })),
  )
  // What the server holds, kept up to date so saving again after a failure redoes only what is left.
  const before = new Set<string>(((props.team.members ?? []) as Member[]).map((m) => m.id))
  const [chosen, setChosen] = createSignal<ReadonlySet<string>>(new Set(before))
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal('')
  const title = () => t('settings.membersOf', { name: String(props.team.name) })
  const path = (suffix = '') => `/admin/teams/${encodeURIComponent(String(props.team.id))}/members${suffix}`

  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen())
    if (on) next.add(id)
    else next.delete(id)
    setChosen(next)
  }
  const save = async (e: SubmitEvent) => {
    e.preventDefault()
    const listed = (users() ?? []).map((u) => u.id)
    const added = listed.filter((id) => chosen().has(id) && !before.has(id))
    const removed = listed.filter((id) => !chosen().has(id) && before.has(id))
    setBusy(true)
    setError('')
    let changed = false
    try {
      for (const userId of added) {
        await request(path(), { method: 'POST', body: { userId } })
        before.add(userId)
        changed = true
      }
      for (const userId of removed) {
        await request(path(`/${encodeURIComponent(userId)}`), { method: 'DELETE' })
        before.delete(userId)
        changed = true
      }
      notify('success', t('settings.membersSaved', { name: String(props.team.name) }))
      props.onChanged()
      props.onClose()
    } catch (err) {
      setError(errorText(err, t('error.generic')))
      if (changed) props.onChanged()
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal open onOpenChange={(o) => !o && props.onClose()} title={title()}>
      <form class="form-stack" onSubmit={save}>
        <Show when={!users.error} fallback={<ErrorState error={users.error} onRetry={refetch} />}>
          <Show when={users.latest} fallback={<Loading />}>
            <Show
              when={users.latest!.length > 0}
              fallback={<EmptyState title={t('settings.noActiveUsers')} />}
            >
              <p id="team-members-hint" class="field-hint">
                {t('settings.membersHint')}
              </p>
              <fieldset class="checkbox-group checkbox-list" aria-describedby="team-members-hint">
                <legend class="visually-hidden">{t('settings.members')}</legend>
                <For each={users.latest}>
                  {(u) => (
                    <label class="checkbox">
                      <input
                        type="checkbox"
                        checked={chosen().has(u.id)}
                        onChange={(e) => toggle(u.id, e.currentTarget.checked)}
                      />
                      <span>
                        {u.name} <span class="muted">{u.email}</span>
                      </span>
                    </label>
                  )}
                </For>
              </fieldset>
            </Show>
          </Show>
        </Show>
        <div role="alert">
          <Show when={error()}>
            <p class="form-error">{error()}</p>
          </Show>
        </div>
        <div class="modal-footer">
          <button type="button" class="button" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="button button-primary" disabled={busy() || !users.latest}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  )
}
