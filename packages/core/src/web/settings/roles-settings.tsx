/**
 * Roles (`/api/v1/admin/roles`): a name, grants per entity and action with a scope, and field rules.
 * @module
 */
import { createResource, createSignal, For, Show } from 'solid-js'
import { createStore } from 'solid-js/store'
import type { FieldRule, Scope } from '../../plugin/define-plugin'
import { isApiError } from '../api/api-error'
import { rows } from '../api/records-api'
import { request } from '../api/request'
import { useI18n } from '../app/i18n-context'
import { ConfirmDialog } from '../ui/confirm-dialog'
import { IconPencil, IconPlus, IconTrash } from '../ui/icons'
import { Modal } from '../ui/modal'
import { EmptyState, ErrorState, errorText, Loading } from '../ui/states'
import { notify } from '../ui/toaster'
import { FieldRules } from './field-rules'
import { GrantsMatrix } from './grants-matrix'

export interface Role {
  id: string
  name: string
  grants: Record<string, Scope>
  fields: Record<string, FieldRule>
}

export function RolesSettings() {
  const { t } = useI18n()
  const [roles, { refetch }] = createResource(async () =>
    rows(await request<Role[] | { data: Role[] }>('/admin/roles')),
  )
  const [editing, setEditing] = createSignal<Role | 'new'>()
  const [deleting, setDeleting] = createSignal<Role>()
  const remove = async (r: Role) => {
    try {
      await request(`/admin/roles/${r.id}`, { method: 'DELETE' })
      notify('success', t('settings.deleted', { name: r.name }))
      refetch()
    } catch (err) {
      notify('error', t('error.generic'), errorText(err, ''))
    } finally {
      setDeleting(undefined)
    }
  }
  return (
    <section aria-labelledby="settings-title">
      <header class="page-header">
        <div>
          <h1 id="settings-title">{t('settings.roles')}</h1>
          <p class="muted">{t('settings.rolesIntro')}</p>
        </div>
        <button type="button" class="button button-primary" onClick={() => setEditing('new')}>
          <IconPlus size={16} aria-hidden="true" />
          {t('settings.add', { noun: t('settings.roleNoun') })}
        </button>
      </header>
      <Show when={!roles.error} fallback={<ErrorState error={roles.error} onRetry={refetch} />}>
        <Show when={roles.latest} fallback={<Loading />}>
          <Show when={roles.latest!.length > 0} fallback={<EmptyState title={t('settings.empty')} />}>
            <ul class="role-list">
              <For each={roles.latest}>
                {(r) => (
                  <li class="card role-card">
                    <span>
                      <strong>{r.name}</strong>
                      <span class="muted">
                        {' '}
                        ·{' '}
                        {t('roles.grantCount', {
                          n: Object.values(r.grants ?? {}).filter((s) => s !== 'none').length,
                        })}
                      </span>
                    </span>
                    <span class="row-actions">
                      <button
                        type="button"
                        class="icon-button"
                        aria-label={t('settings.editRow', { name: r.name })}
                        onClick={() => setEditing(r)}
                      >
                        <IconPencil size={16} aria-hidden="true" />
                      </button>
                      <button
                        type="button"
                        class="icon-button"
                        aria-label={t('settings.deleteRow', { name: r.name })}
                        onClick={() => setDeleting(r)}
                      >
                        <IconTrash size={16} aria-hidden="true" />
                      </button>
                    </span>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Show>
      </Show>
      <Show when={editing()} keyed>
        {(role) => (
          <RoleEditor
            role={role === 'new' ? undefined : role}
            onClose={() => setEditing(undefined)}
            onSaved={() => {
              setEditing(undefined)
              refetch()
            }}
          />
        )}
      </Show>
      <ConfirmDialog
        open={!!deleting()}
        title={t('settings.deleteRow', { name: deleting()?.name ?? '' })}
        message={t('settings.deleteMessage')}
        confirmLabel={t('common.delete')}
        danger
        onConfirm={() => remove(deleting()!)}
        onCancel={() => setDeleting(undefined)}
      />
    </section>
  )
}

function RoleEditor(props: { role?: Role; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n()
  const [name, setName] = createSignal(props.role?.name ?? '')
  const [grants, setGrants] = createStore<Record<string, Scope>>({ ...props.role?.grants })
  const [fields, setFields] = createStore<Record<string, FieldRule>>({ ...props.role?.fields })
  const [error, setError] = createSignal('')
  const save = async (e: SubmitEvent) => {
    e.preventDefault()
    const body = {
      name: name().trim(),
      grants: Object.fromEntries(Object.entries(grants).filter(([, s]) => s && s !== 'none')),
      fields: Object.fromEntries(Object.entries(fields).filter(([, r]) => r)),
    }
    try {
      if (props.role) await request(`/admin/roles/${props.role.id}`, { method: 'PATCH', body })
      else await request('/admin/roles', { method: 'POST', body })
      notify('success', t('settings.saved'))
      props.onSaved()
    } catch (err) {
      setError(isApiError(err) ? errorText(err, t('error.generic')) : t('error.network'))
    }
  }
  return (
    <Modal
      open
      size="large"
      onOpenChange={(o) => !o && props.onClose()}
      title={
        props.role
          ? t('settings.editRow', { name: props.role.name })
          : t('settings.add', { noun: t('settings.roleNoun') })
      }
    >
      <form class="form-stack" onSubmit={save}>
        <div class="form-field">
          <label for="role-name">{t('settings.name')}</label>
          <input
            id="role-name"
            class="input"
            required
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </div>
        <GrantsMatrix grants={grants} onChange={(k, s) => setGrants(k, s)} />
        <FieldRules rules={fields} onChange={(k, r) => setFields(k, r as FieldRule)} />
        <div role="alert">
          <Show when={error()}>
            <p class="form-error">{error()}</p>
          </Show>
        </div>
        <div class="modal-footer">
          <button type="button" class="button" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="button button-primary" disabled={!name().trim()}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  )
}
