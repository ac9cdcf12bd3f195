/**
 * Asks before something that cannot be undone from where the user stands (delete, purge, leave unsaved).
 * @module
 */
import { createSignal, type JSX } from 'solid-js'
import { useI18n } from '../app/i18n-context'
import { Modal } from './modal'

export interface ConfirmDialogProps {
  open: boolean
  title: string
  message?: string
  confirmLabel: string
  danger?: boolean
  onConfirm: () => Promise<unknown> | unknown
  onCancel: () => void
  children?: JSX.Element
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { t } = useI18n()
  const [busy, setBusy] = createSignal(false)
  const confirm = async () => {
    setBusy(true)
    try {
      await props.onConfirm()
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal
      open={props.open}
      onOpenChange={(open) => !open && props.onCancel()}
      title={props.title}
      footer={
        <>
          <button type="button" class="button" onClick={() => props.onCancel()}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            class={props.danger ? 'button button-danger' : 'button button-primary'}
            disabled={busy()}
            onClick={confirm}
          >
            {props.confirmLabel}
          </button>
        </>
      }
    >
      {props.message && <p>{props.message}</p>}
      {props.children}
    </Modal>
  )
}
