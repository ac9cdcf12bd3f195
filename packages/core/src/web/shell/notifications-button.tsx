/**
 * Notifications of asynchronous work (imports, exports, mailings): a bell with the unread count and
 * the latest items, refreshed every minute while the page is visible.
 * @module
 */
import { Popover } from '@kobalte/core/popover'
import { A } from '@solidjs/router'
import { createResource, For, onCleanup, onMount, Show } from 'solid-js'
import { rows } from '../api/records-api'
import { request } from '../api/request'
import { useI18n } from '../app/i18n-context'
import { IconBell } from '../ui/icons'

export interface NotificationItem {
  id: string
  title?: string
  message?: string
  body?: string
  link?: string
  createdAt?: string
  readAt?: string | null
  read?: boolean
}

export function NotificationsButton() {
  const { t, fmt } = useI18n()
  // Without the notifications service (older servers) the bell simply stays empty.
  const [items, { refetch }] = createResource(async () =>
    rows(await request<NotificationItem[] | { data: NotificationItem[] }>('/notifications').catch(() => [])),
  )
  const unread = () => (items.latest ?? []).filter((n) => !n.readAt && !n.read).length
  const readAll = async () => {
    await request('/notifications/read-all', { method: 'POST' }).catch(() => undefined)
    refetch()
  }
  onMount(() => {
    const timer = setInterval(() => document.visibilityState === 'visible' && refetch(), 60_000)
    onCleanup(() => clearInterval(timer))
  })
  return (
    <Popover>
      <Popover.Trigger class="icon-button bell" aria-label={t('notifications.button', { n: unread() })}>
        <IconBell size={18} aria-hidden="true" />
        <Show when={unread() > 0}>
          <span class="badge" aria-hidden="true">
            {unread()}
          </span>
        </Show>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content class="popover notifications">
          <div class="popover-head">
            <Popover.Title class="popover-title">{t('notifications.title')}</Popover.Title>
            <Show when={unread() > 0}>
              <button type="button" class="button button-small button-ghost" onClick={readAll}>
                {t('notifications.readAll')}
              </button>
            </Show>
          </div>
          <Show
            when={(items.latest ?? []).length > 0}
            fallback={<p class="muted">{t('notifications.empty')}</p>}
          >
            <ul class="notification-list">
              <For each={items.latest}>
                {(n) => (
                  <li classList={{ unread: !n.readAt && !n.read }}>
                    <Show when={n.link} fallback={<strong>{n.title ?? n.message}</strong>}>
                      <A href={n.link!}>{n.title ?? n.message}</A>
                    </Show>
                    <Show when={n.body}>
                      <p>{n.body}</p>
                    </Show>
                    <Show when={n.createdAt}>
                      <time class="muted" datetime={n.createdAt}>
                        {fmt().dateTime(n.createdAt)}
                      </time>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Popover.Content>
      </Popover.Portal>
    </Popover>
  )
}
