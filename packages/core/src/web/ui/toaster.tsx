/**
 * Short confirmations and errors that do not belong to one field, announced to screen readers.
 * @module
 */
import { Toast, toaster } from '@kobalte/core/toast'
import { createEffect } from 'solid-js'
import { Portal } from 'solid-js/web'
import { useI18n } from '../app/i18n-context'
import { IconX } from './icons'

export type ToastKind = 'success' | 'error' | 'info'

// Toasts render outside any component tree; the region keeps this label in the user's language.
let closeLabel = 'Fermer'

export function notify(kind: ToastKind, title: string, description?: string): void {
  toaster.show((props) => (
    <Toast as="div" toastId={props.toastId} class={`toast toast-${kind}`}>
      <div class="toast-body">
        <Toast.Title class="toast-title">{title}</Toast.Title>
        {description && <Toast.Description class="toast-description">{description}</Toast.Description>}
      </div>
      <Toast.CloseButton class="icon-button" aria-label={closeLabel}>
        <IconX size={16} aria-hidden="true" />
      </Toast.CloseButton>
    </Toast>
  ))
}

export function ToastRegion() {
  const { t } = useI18n()
  createEffect(() => {
    closeLabel = t('common.close')
  })
  return (
    <Portal>
      <Toast.Region duration={5000} aria-label={t('toast.region')}>
        <Toast.List as="div" class="toast-list" />
      </Toast.Region>
    </Portal>
  )
}
