/**
 * Actions on the selected rows: mass update, delete (to the recycle bin), and plugin bulk actions.
 * @module
 */
import { createSignal, Show } from 'solid-js'
import type { EntityMeta } from '../../records/metadata-types'
import { records } from '../api/records-api'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { Slot } from '../plugins/slot'
import { ConfirmDialog } from '../ui/confirm-dialog'
import { IconPencil, IconTrash, IconX } from '../ui/icons'
import { errorText } from '../ui/states'
import { notify } from '../ui/toaster'
import { MassUpdateDialog } from './mass-update-dialog'

export interface BulkBarProps {
  meta: EntityMeta
  ids: string[]
  onClear: () => void
  onDeleted: (ids: string[]) => void
  onUpdated: () => void
}

export function BulkBar(props: BulkBarProps) {
  const { t, plural } = useI18n()
  const session = useSession()
  const [confirm, setConfirm] = createSignal(false)
  const [massUpdate, setMassUpdate] = createSignal(false)
  const remove = async () => {
    const ids = [...props.ids]
    try {
      await records.bulk(props.meta.ref, { action: 'delete', ids })
      setConfirm(false)
      notify('success', plural('bulk.deleted', ids.length))
      props.onDeleted(ids)
    } catch (err) {
      notify('error', t('error.generic'), errorText(err, ''))
    }
  }
  return (
    <section class="bulk-bar" aria-label={t('bulk.region')}>
      <strong>{plural('bulk.selected', props.ids.length)}</strong>
      <Show when={session.can(props.meta.ref, 'update')}>
        <button type="button" class="button" onClick={() => setMassUpdate(true)}>
          <IconPencil size={16} aria-hidden="true" />
          {t('bulk.update')}
        </button>
      </Show>
      <Show when={session.can(props.meta.ref, 'delete')}>
        <button type="button" class="button button-danger-ghost" onClick={() => setConfirm(true)}>
          <IconTrash size={16} aria-hidden="true" />
          {t('bulk.delete')}
        </button>
      </Show>
      <Slot name="record.list.bulkActions" entity={props.meta.ref} ids={props.ids} onDone={props.onUpdated} />
      <span class="spacer" />
      <button type="button" class="button button-ghost" onClick={() => props.onClear()}>
        <IconX size={16} aria-hidden="true" />
        {t('bulk.clear')}
      </button>
      <ConfirmDialog
        open={confirm()}
        title={plural('bulk.deleteTitle', props.ids.length)}
        message={t('bulk.deleteMessage')}
        confirmLabel={t('bulk.delete')}
        danger
        onConfirm={remove}
        onCancel={() => setConfirm(false)}
      />
      <MassUpdateDialog
        open={massUpdate()}
        meta={props.meta}
        ids={props.ids}
        onClose={() => setMassUpdate(false)}
        onDone={() => {
          setMassUpdate(false)
          props.onUpdated()
        }}
      />
    </section>
  )
}
