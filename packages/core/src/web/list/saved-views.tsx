/**
 * Saved views of a list, per user and shared by administrators (`/api/v1/views?entity=`): choose one,
 * save the current columns, sort and filters as a new view, update or delete your own.
 * @module
 */
import { createResource, createSignal, For, Show } from 'solid-js'
import { rows } from '../api/records-api'
import { request } from '../api/request'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { Modal } from '../ui/modal'
import { errorText } from '../ui/states'
import { notify } from '../ui/toaster'
import type { ViewConfig } from './list-state'

export interface SavedView {
  id: string
  name: string
  shared: boolean
  config: ViewConfig
  ownerId?: string
  owner?: { id: string }
  mine?: boolean
}

export interface SavedViewsProps {
  entity: string
  current: () => ViewConfig
  viewId: string | undefined
  onSelect: (id: string | undefined, config: ViewConfig | undefined) => void
}

export function SavedViews(props: SavedViewsProps) {
  const { t } = useI18n()
  const session = useSession()
  const [views, { refetch }] = createResource(
    () => props.entity,
    async (entity) =>
      rows(
        await request<SavedView[] | { data: SavedView[] }>('/views', { query: { entity } }).catch(() => []),
      ),
  )
  const [dialog, setDialog] = createSignal(false)
  const [name, setName] = createSignal('')
  const [shared, setShared] = createSignal(false)
  const selected = () => views.latest?.find((v) => v.id === props.viewId)
  const mine = (v: SavedView) =>
    v.mine ?? ((v.ownerId ?? v.owner?.id) === session.bootstrap().user.id || session.bootstrap().user.isAdmin)

  const save = async (e: SubmitEvent) => {
    e.preventDefault()
    try {
      const created = await request<SavedView>('/views', {
        method: 'POST',
        body: { entity: props.entity, name: name().trim(), shared: shared(), config: props.current() },
      })
      setDialog(false)
      await refetch()
      props.onSelect(created.id, created.config)
      notify('success', t('views.saved', { name: created.name }))
    } catch (err) {
      notify('error', t('views.saveFailed'), errorText(err, ''))
    }
  }
  const update = async (v: SavedView) => {
    try {
      await request(`/views/${v.id}`, { method: 'PATCH', body: { config: props.current() } })
      await refetch()
      notify('success', t('views.updated', { name: v.name }))
    } catch (err) {
      notify('error', t('views.saveFailed'), errorText(err, ''))
    }
  }
  const remove = async (v: SavedView) => {
    try {
      await request(`/views/${v.id}`, { method: 'DELETE' })
      props.onSelect(undefined, undefined)
      await refetch()
    } catch (err) {
      notify('error', t('error.generic'), errorText(err, ''))
    }
  }

  return (
    <div class="saved-views">
      <label class="visually-hidden" for="saved-view">
        {t('views.label')}
      </label>
      <select
        id="saved-view"
        class="input select"
        value={props.viewId ?? ''}
        onChange={(e) => {
          const v = views.latest?.find((x) => x.id === e.currentTarget.value)
          props.onSelect(v?.id, v?.config)
        }}
      >
        <option value="">{t('views.default')}</option>
        <For each={views.latest ?? []}>
          {(v) => <option value={v.id}>{v.shared ? `${v.name} · ${t('views.sharedTag')}` : v.name}</option>}
        </For>
      </select>
      <Show when={selected() && mine(selected()!)}>
        <button type="button" class="button button-ghost" onClick={() => update(selected()!)}>
          {t('views.update')}
        </button>
        <button type="button" class="button button-ghost" onClick={() => remove(selected()!)}>
          {t('views.delete')}
        </button>
      </Show>
      <button
        type="button"
        class="button button-ghost"
        onClick={() => {
          setName('')
          setShared(false)
          setDialog(true)
        }}
      >
        {t('views.saveAs')}
      </button>
      <Modal open={dialog()} onOpenChange={setDialog} title={t('views.saveAs')}>
        <form onSubmit={save} class="form-stack">
          <div class="form-field">
            <label for="view-name">{t('views.name')}</label>
            <input
              id="view-name"
              class="input"
              required
              value={name()}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          </div>
          <Show when={session.bootstrap().user.isAdmin}>
            <label class="checkbox">
              <input
                type="checkbox"
                checked={shared()}
                onChange={(e) => setShared(e.currentTarget.checked)}
              />
              <span>{t('views.shared')}</span>
            </label>
          </Show>
          <div class="modal-footer">
            <button type="button" class="button" onClick={() => setDialog(false)}>
              {t('common.cancel')}
            </button>
            <button type="submit" class="button button-primary" disabled={!name().trim()}>
              {t('common.save')}
            </button>
          </div>
        </form>
      </Modal>
    </div>
  )
}
