/**
 * Loading, empty and error states, the same on every page.
 * @module
 */
import { type JSX, Show } from 'solid-js'
import { isApiError } from '../api/api-error'
import { useI18n } from '../app/i18n-context'
import { IconInbox, IconLoader, IconWarning } from './icons'

export function Loading(props: { label?: string }) {
  const { t } = useI18n()
  return (
    <div class="state state-loading" role="status" aria-live="polite">
      <IconLoader class="spin" size={20} aria-hidden="true" />
      <span>{props.label ?? t('common.loading')}</span>
    </div>
  )
}

export function EmptyState(props: { title: string; hint?: string; children?: JSX.Element }) {
  return (
    <div class="state state-empty">
      <IconInbox size={28} aria-hidden="true" />
      <p class="state-title">{props.title}</p>
      <Show when={props.hint}>
        <p class="state-hint">{props.hint}</p>
      </Show>
      {props.children}
    </div>
  )
}

/** The message to show for a failed request: the server's problem detail when it gave one. */
export function errorText(e: unknown, fallback: string): string {
  if (isApiError(e)) return e.problem.detail ?? e.problem.title ?? fallback
  return fallback
}

export function ErrorState(props: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n()
  const notFound = () => isApiError(props.error) && props.error.status === 404
  return (
    <div class="state state-error" role="alert">
      <IconWarning size={24} aria-hidden="true" />
      <p class="state-title">{notFound() ? t('error.notFound') : t('error.title')}</p>
      <Show when={!notFound()}>
        <p class="state-hint">{errorText(props.error, t('error.generic'))}</p>
      </Show>
      <Show when={props.onRetry}>
        <button type="button" class="button" onClick={() => props.onRetry?.()}>
          {t('common.retry')}
        </button>
      </Show>
    </div>
  )
}
