/**
 * The actions of a record: edit, duplicate, delete (to the recycle bin), and the plugins' actions — run
 * directly (after confirmation when asked) or through the plugin's own dialog component.
 * @module
 */
import { DropdownMenu } from '@kobalte/core/dropdown-menu'
import { A, useNavigate } from '@solidjs/router'
import { createSignal, For, Show, Suspense } from 'solid-js'
import { Dynamic } from 'solid-js/web'
import type { RecordData } from '../../entity/define-entity'
import type { EntityMeta } from '../../records/metadata-types'
import { records } from '../api/records-api'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { recordPath } from '../fields/field-def'
import { Slot } from '../plugins/slot'
import { ConfirmDialog } from '../ui/confirm-dialog'
import { IconCopy, IconMore, IconPencil, IconTrash } from '../ui/icons'
import { Modal } from '../ui/modal'
import { errorText, Loading } from '../ui/states'
import { notify } from '../ui/toaster'

type ActionMeta = EntityMeta['actions'][number]

export function isActionVisible(a: ActionMeta, record: RecordData): boolean {
  const w = a.visibleWhen as { field: string; in?: unknown[]; notIn?: unknown[] } | undefined
  if (!w) return true
  const v = record[w.field]
  if (w.in && !w.in.includes(v)) return false
  if (w.notIn?.includes(v)) return false
  return true
}

export interface RecordActionsProps {
  meta: EntityMeta
  record: RecordData
  onChanged: () => void
}

export function RecordActions(props: RecordActionsProps) {
  const { t } = useI18n()
  const session = useSession()
  const navigate = useNavigate()
  const [confirmDelete, setConfirmDelete] = createSignal(false)
  const [pending, setPending] = createSignal<ActionMeta>()
  const [dialog, setDialog] = createSignal<ActionMeta>()
  const ref = () => props.meta.ref
  const allowed = (a: ActionMeta) => {
    const b = session.bootstrap()
    return b.user.isAdmin || (b.permissions[a.permission] ?? 'none') !== 'none'
  }
  const locked = () =>
    session
      .runtime()
      .plugins.some((p) => p.readOnlyWhen?.[ref()]?.(props.record as Record<string, unknown>) === true)
  const actions = () => props.meta.actions.filter((a) => allowed(a) && isActionVisible(a, props.record))
  const label = (a: ActionMeta) => session.labels().msg(a.label)

  const remove = async () => {
    try {
      await records.remove(ref(), props.record.id)
      notify('success', t('detail.deleted', { title: props.record._title ?? '' }))
      navigate(recordPath(ref()), { replace: true })
    } catch (err) {
      setConfirmDelete(false)
      notify('error', t('detail.deleteFailed'), errorText(err, ''))
    }
  }
  const run = async (a: ActionMeta) => {
    setPending(undefined)
    try {
      await records.action(ref(), props.record.id, a.id)
      notify('success', t('detail.actionDone', { action: label(a) }))
      props.onChanged()
    } catch (err) {
      notify('error', t('detail.actionFailed', { action: label(a) }), errorText(err, ''))
    }
  }
  const choose = (a: ActionMeta) => {
    if (a.component) setDialog(a)
    else if (a.confirm) setPending(a)
    else void run(a)
  }
  const duplicate = () => navigate(`${recordPath(ref(), 'new')}?from=${encodeURIComponent(props.record.id)}`)

  return (
    <div class="record-actions">
      <Slot
        name="record.detail.header.actions"
        entity={ref()}
        record={props.record}
        onChanged={props.onChanged}
      />
      <Show when={session.can(ref(), 'update') && !locked()}>
        <A href={recordPath(ref(), props.record.id, 'edit')} class="button button-primary">
          <IconPencil size={16} aria-hidden="true" />
          {t('common.edit')}
        </A>
      </Show>
      <DropdownMenu placement="bottom-end">
        <DropdownMenu.Trigger class="button" aria-label={t('detail.moreActions')}>
          <IconMore size={16} aria-hidden="true" />
          {t('common.actions')}
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content class="menu">
            <For each={actions()}>
              {(a) => (
                <DropdownMenu.Item class="menu-item" onSelect={() => choose(a)}>
                  {label(a)}
                </DropdownMenu.Item>
              )}
            </For>
            <Show when={actions().length > 0}>
              <DropdownMenu.Separator class="menu-separator" />
            </Show>
            <Show when={session.can(ref(), 'create')}>
              <DropdownMenu.Item class="menu-item" onSelect={duplicate}>
                <IconCopy size={16} aria-hidden="true" />
                {t('detail.duplicate')}
              </DropdownMenu.Item>
            </Show>
            <Show when={session.can(ref(), 'delete')}>
              <DropdownMenu.Item class="menu-item danger" onSelect={() => setConfirmDelete(true)}>
                <IconTrash size={16} aria-hidden="true" />
                {t('common.delete')}
              </DropdownMenu.Item>
            </Show>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu>
      <ConfirmDialog
        open={confirmDelete()}
        title={t('detail.deleteTitle', { title: props.record._title ?? '' })}
        message={t('detail.deleteMessage')}
        confirmLabel={t('common.delete')}
        danger
        onConfirm={remove}
        onCancel={() => setConfirmDelete(false)}
      />
      <ConfirmDialog
        open={!!pending()}
        title={pending() ? label(pending()!) : ''}
        message={t('detail.actionConfirm')}
        confirmLabel={pending() ? label(pending()!) : ''}
        onConfirm={() => run(pending()!)}
        onCancel={() => setPending(undefined)}
      />
      <Show when={dialog()}>
        {(a) => (
          <Modal open onOpenChange={(o) => !o && setDialog(undefined)} title={label(a())} size="large">
            <Suspense fallback={<Loading />}>
              <Dynamic
                component={session.runtime().component(a().component!) ?? MissingComponent}
                entity={ref()}
                record={props.record}
                action={a().id}
                onClose={() => setDialog(undefined)}
                onDone={() => {
                  setDialog(undefined)
                  props.onChanged()
                }}
              />
            </Suspense>
          </Modal>
        )}
      </Show>
    </div>
  )
}

function MissingComponent() {
  const { t } = useI18n()
  return <p class="form-error">{t('detail.componentMissing')}</p>
}
