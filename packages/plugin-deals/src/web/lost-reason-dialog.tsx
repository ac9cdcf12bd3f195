/**
 * Asks why a deal is lost before it moves to a lost stage; the move is saved only once a reason is given.
 * @module
 */
import { Dialog } from '@kobalte/core/dialog'
import { createSignal } from 'solid-js'
import type { PipelineText } from './pipeline-text'

export interface LostReasonDialogProps {
  dealName: string
  stageName: string
  t: PipelineText
  onConfirm: (reason: string) => void
  onCancel: () => void
}

export function LostReasonDialog(props: LostReasonDialogProps) {
  const [reason, setReason] = createSignal('')
  const submit = (e: SubmitEvent) => {
    e.preventDefault()
    if (reason().trim()) props.onConfirm(reason().trim())
  }
  return (
    <Dialog open onOpenChange={(open) => !open && props.onCancel()}>
      <Dialog.Portal>
        <Dialog.Overlay class="modal-overlay" />
        <div class="modal-positioner">
          <Dialog.Content class="modal modal-small">
            <header class="modal-header">
              <Dialog.Title class="modal-title">
                {props.t('pipeline.lostTitle', { deal: props.dealName, stage: props.stageName })}
              </Dialog.Title>
            </header>
            <form class="modal-body form-stack" onSubmit={submit}>
              <label class="form-field">
                <span>{props.t('field.deal.lostReason')}</span>
                <textarea
                  class="input textarea"
                  required
                  value={reason()}
                  onInput={(e) => setReason(e.currentTarget.value)}
                />
              </label>
              <footer class="modal-footer">
                <button type="button" class="button" onClick={() => props.onCancel()}>
                  {props.t('pipeline.cancel')}
                </button>
                <button type="submit" class="button button-primary" disabled={!reason().trim()}>
                  {props.t('pipeline.confirmLost')}
                </button>
              </footer>
            </form>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  )
}
