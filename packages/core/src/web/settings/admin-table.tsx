/**
 * A settings list backed by one admin endpoint: rows in a table, a dialog to create or edit one, delete
 * with confirmation. Users, teams, custom fields and numbering are this with their own columns and fields.
 * @module
 */
import { createResource, createSignal, For, type JSX, Show } from 'solid-js'
import { rows } from '../api/records-api'
import { request } from '../api/request'
import { useI18n } from '../app/i18n-context'
import { ConfirmDialog } from '../ui/confirm-dialog'
import { IconPencil, IconPlus, IconTrash } from '../ui/icons'
import { EmptyState, ErrorState, errorText, Loading } from '../ui/states'
import { notify } from '../ui/toaster'
import { type AdminField, AdminForm } from './admin-form'

export type AdminRow = Record<string, any> & { id?: string }

/** What a row's own actions can ask of the table. */
export interface AdminTableControls {
  /** Reloads the rows (after an action changed one). */
  refetch: () => void
}

export interface AdminColumn {
  label: string
  value: (row: AdminRow) => JSX.Element
}

export interface AdminTableProps {
  title: string
  intro?: string
  endpoint: string
  /** Singular noun for buttons and dialogs ("un utilisateur"). */
  noun: string
  columns: AdminColumn[]
  fields: AdminField[]
  rowKey?: (row: AdminRow) => string
  canCreate?: boolean
  canDelete?: boolean
  /** Request body from the form's values. */
  toBody?: (values: Record<string, unknown>, row?: AdminRow) => unknown
  /** Form values from a row. */
  toValues?: (row: AdminRow) => Record<string, unknown>
  /** Replaces the default write (`POST` endpoint / `PATCH` endpoint/:key). */
  save?: (body: unknown, row?: AdminRow) => Promise<unknown>
  /** Buttons of the row's own actions, shown before Edit and Delete. */
  rowActions?: (row: AdminRow, table: AdminTableControls) => JSX.Element
}

export function AdminTable(props: AdminTableProps) {
  const { t } = useI18n()
  const [list, { refetch }] = createResource(
    () => props.endpoint,
    async (e) => rows(await request<AdminRow[] | { data: AdminRow[] }>(e)),
  )
  const [editing, setEditing] = createSignal<AdminRow | 'new'>()
  const [deleting, setDeleting] = createSignal<AdminRow>()
  const key = (r: AdminRow) => (props.rowKey ? props.rowKey(r) : String(r.id))
  const rowName = (r: AdminRow) => String(r.name ?? r.email ?? r.label ?? key(r))

  const save = async (values: Record<string, unknown>) => {
    const row = editing()
    const body = props.toBody ? props.toBody(values, row === 'new' ? undefined : row) : values
    if (props.save) await props.save(body, row === 'new' ? undefined : row)
    else if (row === 'new') await request(props.endpoint, { method: 'POST', body })
    else await request(`${props.endpoint}/${encodeURIComponent(key(row!))}`, { method: 'PATCH', body })
    setEditing(undefined)
    notify('success', t('settings.saved'))
    refetch()
  }
  const remove = async (row: AdminRow) => {
    try {
      await request(`${props.endpoint}/${encodeURIComponent(key(row))}`, { method: 'DELETE' })
      notify('success', t('settings.deleted', { name: rowName(row) }))
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
          <h1 id="settings-title">{props.title}</h1>
          <Show when={props.intro}>
            <p class="muted">{props.intro}</p>
          </Show>
        </div>
        <Show when={props.canCreate !== false}>
          <button type="button" class="button button-primary" onClick={() => setEditing('new')}>
            <IconPlus size={16} aria-hidden="true" />
            {t('settings.add', { noun: props.noun })}
          </button>
        </Show>
      </header>
      <Show when={!list.error} fallback={<ErrorState error={list.error} onRetry={refetch} />}>
        <Show when={list.latest} fallback={<Loading />}>
          <Show when={list.latest!.length > 0} fallback={<EmptyState title={t('settings.empty')} />}>
            <div class="table-scroll-x">
              <table class="data-table">
                <caption class="visually-hidden">{props.title}</caption>
                <thead>
                  <tr>
                    <For each={props.columns}>{(c) => <th scope="col">{c.label}</th>}</For>
                    <th scope="col">
                      <span class="visually-hidden">{t('common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list.latest}>
                    {(row) => (
                      <tr>
                        <For each={props.columns}>{(c) => <td>{c.value(row)}</td>}</For>
                        <td class="row-actions">
                          {props.rowActions?.(row, { refetch })}
                          <button
                            type="button"
                            class="icon-button"
                            aria-label={t('settings.editRow', { name: rowName(row) })}
                            onClick={() => setEditing(row)}
                          >
                            <IconPencil size={16} aria-hidden="true" />
                          </button>
                          <Show when={props.canDelete !== false}>
                            <button
                              type="button"
                              class="icon-button"
                              aria-label={t('settings.deleteRow', { name: rowName(row) })}
                              onClick={() => setDeleting(row)}
                            >
                              <IconTrash size={16} aria-hidden="true" />
                            </button>
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        </Show>
      </Show>
      <Show when={editing()} keyed>
        {(row) => (
          <AdminForm
            title={
              row === 'new'
                ? t('settings.add', { noun: props.noun })
                : t('settings.editRow', { name: rowName(row) })
            }
            fields={props.fields.filter((f) => row === 'new' || !f.createOnly)}
            values={row === 'new' ? {} : props.toValues ? props.toValues(row) : row}
            onSubmit={save}
            onClose={() => setEditing(undefined)}
          />
        )}
      </Show>
      <ConfirmDialog
        open={!!deleting()}
        title={t('settings.deleteRow', { name: deleting() ? rowName(deleting()!) : '' })}
        message={t('settings.deleteMessage')}
        confirmLabel={t('common.delete')}
        danger
        onConfirm={() => remove(deleting()!)}
        onCancel={() => setDeleting(undefined)}
      />
    </section>
  )
}
