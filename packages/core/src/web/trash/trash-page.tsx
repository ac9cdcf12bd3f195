/**
 * The recycle bin: what was deleted, searchable and filterable by kind and date; restore (with the
 * parents when they are in the bin too) or purge for good after confirmation.
 * @module
 */
import { createResource, createSignal, For, Show } from 'solid-js'
import { isApiError } from '../api/api-error'
import { request } from '../api/request'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { ConfirmDialog } from '../ui/confirm-dialog'
import { IconRestore, IconSearch, IconTrash } from '../ui/icons'
import { EmptyState, ErrorState, errorText, Loading } from '../ui/states'
import { notify } from '../ui/toaster'

export interface TrashItem {
  entity: string
  id: string
  title?: string
  _title?: string
  deletedAt: string
  deletedBy?: { id: string; title?: string } | null
  batchId?: string
  /** Whether this record was the one deleted (the others went with it). */
  root?: boolean
  batchSize?: number
}

interface TrashPage {
  data: TrashItem[]
  nextCursor: string | null
}

export function TrashPage() {
  const { t, fmt } = useI18n()
  const session = useSession()
  const [entity, setEntity] = createSignal('')
  const [q, setQ] = createSignal('')
  const [from, setFrom] = createSignal('')
  const [to, setTo] = createSignal('')
  const [items, setItems] = createSignal<TrashItem[]>([])
  const [cursor, setCursor] = createSignal<string | null>(null)
  const [parents, setParents] = createSignal<TrashItem>()
  const [purging, setPurging] = createSignal<TrashItem>()
  const criteria = () => ({ entity: entity(), q: q(), from: from(), to: to() })
  const [page, { refetch }] = createResource(criteria, async (c) => {
    const res = await request<TrashPage>('/trash', { query: c })
    setItems(res.data)
    setCursor(res.nextCursor)
    return res
  })
  const more = async () => {
    const res = await request<TrashPage>('/trash', { query: { ...criteria(), cursor: cursor() } })
    setItems([...items(), ...res.data])
    setCursor(res.nextCursor)
  }
  const title = (i: TrashItem) => i.title ?? i._title ?? i.id
  const kind = (ref: string) => {
    const m = session.entity(ref)
    return m ? session.labels().entity(m) : ref
  }
  const drop = (i: TrashItem) => setItems(items().filter((x) => !(x.id === i.id && x.entity === i.entity)))

  const restore = async (i: TrashItem, withParents = false) => {
    try {
      await request(`/trash/${encodeURIComponent(i.entity)}/${i.id}/restore`, {
        method: 'POST',
        query: withParents ? { withParents: 'true' } : undefined,
      })
      setParents(undefined)
      drop(i)
      notify('success', t('trash.restored', { title: title(i) }))
    } catch (err) {
      if (isApiError(err) && err.status === 409 && err.code === 'parent-in-trash' && !withParents)
        setParents(i)
      else {
        setParents(undefined)
        notify('error', t('trash.restoreFailed'), errorText(err, ''))
      }
    }
  }
  const purge = async (i: TrashItem) => {
    try {
      await request(`/trash/${encodeURIComponent(i.entity)}/${i.id}`, { method: 'DELETE' })
      drop(i)
      notify('success', t('trash.purged', { title: title(i) }))
    } catch (err) {
      notify('error', t('error.generic'), errorText(err, ''))
    } finally {
      setPurging(undefined)
    }
  }

  return (
    <div class="trash-page">
      <header class="page-header">
        <div>
          <h1>{t('trash.title')}</h1>
          <p class="muted">{t('trash.intro')}</p>
        </div>
      </header>
      {/* biome-ignore lint/a11y/useSemanticElements: a form gives Enter its meaning; role=search names the landmark */}
      <form class="toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
        <div class="search-box">
          <IconSearch size={16} aria-hidden="true" />
          <label for="trash-q" class="visually-hidden">
            {t('trash.search')}
          </label>
          <input
            id="trash-q"
            class="input-bare"
            type="search"
            placeholder={t('trash.search')}
            value={q()}
            onChange={(e) => setQ(e.currentTarget.value)}
          />
        </div>
        <label for="trash-entity" class="visually-hidden">
          {t('trash.kind')}
        </label>
        <select
          id="trash-entity"
          class="input select"
          value={entity()}
          onChange={(e) => setEntity(e.currentTarget.value)}
        >
          <option value="">{t('trash.allKinds')}</option>
          <For each={Object.values(session.bootstrap().entities)}>
            {(m) => <option value={m.ref}>{session.labels().entityPlural(m)}</option>}
          </For>
        </select>
        <label for="trash-from">{t('trash.from')}</label>
        <input
          id="trash-from"
          class="input input-date"
          type="date"
          value={from()}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <label for="trash-to">{t('trash.to')}</label>
        <input
          id="trash-to"
          class="input input-date"
          type="date"
          value={to()}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
      </form>
      <Show when={!page.error} fallback={<ErrorState error={page.error} onRetry={refetch} />}>
        <Show when={page.latest} fallback={<Loading />}>
          <Show when={items().length > 0} fallback={<EmptyState title={t('trash.empty')} />}>
            <table class="data-table">
              <caption class="visually-hidden">{t('trash.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('trash.item')}</th>
                  <th scope="col">{t('trash.kind')}</th>
                  <th scope="col">{t('trash.deletedAt')}</th>
                  <th scope="col">{t('trash.deletedBy')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={items()}>
                  {(i) => (
                    <tr>
                      <td>
                        {title(i)}
                        <Show when={i.root !== false && (i.batchSize ?? 1) > 1}>
                          <span class="muted"> {t('trash.withChildren', { n: (i.batchSize ?? 1) - 1 })}</span>
                        </Show>
                      </td>
                      <td>{kind(i.entity)}</td>
                      <td>{fmt().dateTime(i.deletedAt)}</td>
                      <td>{i.deletedBy?.title ?? '—'}</td>
                      <td class="row-actions">
                        <Show when={session.can(i.entity, 'restore')}>
                          <button type="button" class="button button-small" onClick={() => restore(i)}>
                            <IconRestore size={14} aria-hidden="true" />
                            {t('trash.restore')}
                            <span class="visually-hidden"> {title(i)}</span>
                          </button>
                        </Show>
                        <Show when={session.can(i.entity, 'purge')}>
                          <button
                            type="button"
                            class="button button-small button-danger-ghost"
                            onClick={() => setPurging(i)}
                          >
                            <IconTrash size={14} aria-hidden="true" />
                            {t('trash.purge')}
                            <span class="visually-hidden"> {title(i)}</span>
                          </button>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <Show when={cursor()}>
              <div class="list-footer">
                <button type="button" class="button" onClick={more}>
                  {t('list.loadMore')}
                </button>
              </div>
            </Show>
          </Show>
        </Show>
      </Show>
      <ConfirmDialog
        open={!!parents()}
        title={t('trash.parentsTitle')}
        message={t('trash.parentsMessage', { title: parents() ? title(parents()!) : '' })}
        confirmLabel={t('trash.restoreWithParents')}
        onConfirm={() => restore(parents()!, true)}
        onCancel={() => setParents(undefined)}
      />
      <ConfirmDialog
        open={!!purging()}
        title={t('trash.purgeTitle', { title: purging() ? title(purging()!) : '' })}
        message={t('trash.purgeMessage')}
        confirmLabel={t('trash.purge')}
        danger
        onConfirm={() => purge(purging()!)}
        onCancel={() => setPurging(undefined)}
      />
    </div>
  )
}
