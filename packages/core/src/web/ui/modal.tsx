/**
 * A modal dialog with a title, a body and a row of buttons; focus is trapped and restored on close.
 * @module
 */
import { Dialog } from '@kobalte/core/dialog'
import { type JSX, Show } from 'solid-js'
import { useI18n } from '../app/i18n-context'
import { IconX } from './icons'

export interface ModalProps {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: string
  description?: string
  footer?: JSX.Element
  size?: 'small' | 'large'
  children?: JSX.Element
}

export function Modal(props: ModalProps) {
  const { t } = useI18n()
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay class="modal-overlay" />
        <div class="modal-positioner">
          <Dialog.Content class={`modal modal-${props.size ?? 'small'}`}>
            <header class="modal-header">
              <Dialog.Title class="modal-title">{props.title}</Dialog.Title>
              <Dialog.CloseButton class="icon-button" aria-label={t('common.close')}>
                <IconX size={18} aria-hidden="true" />
              </Dialog.CloseButton>
            </header>
            <Show when={props.description}>
              <Dialog.Description class="modal-description">{props.description}</Dialog.Description>
            </Show>
            <div class="modal-body">{props.children}</div>
            <Show when={props.footer}>
              <footer class="modal-footer">{props.footer}</footer>
            </Show>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  )
}
