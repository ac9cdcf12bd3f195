/**
 * The record's history: who changed what and when, newest first.
 * @module
 */
import { createResource, For, Show } from 'solid-js'
import type { EntityMeta } from '../../records/metadata-types'
import type { HistoryEntry } from '../../records/types'
import { records, rows } from '../api/records-api'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { formatPlain } from '../fields/field-value'
import type { MessageKey } from '../i18n/translator'
import { EmptyState, ErrorState, Loading } from '../ui/states'

const KNOWN_ACTIONS = ['create', 'update', 'delete', 'restore']

export function HistoryTimeline(props: { meta: EntityMeta; id: string; version?: number }) {
  const i18n = useI18n()
  const { t, fmt } = i18n
  const session = useSession()
  const [history, { refetch }] = createResource(
    () => [props.id, props.version] as const,
    async ([id]) => rows(await records.history(props.meta.ref, id)),
  )
  const fieldLabel = (name: string) => {
    const f = props.meta.fields[name]
    return f ? session.labels().field(f) : name
  }
  const show = (name: string, v: unknown) => {
    const f = props.meta.fields[name]
    if (v === null || v === undefined || v === '') return '—'
    if (!f) return typeof v === 'object' ? JSON.stringify(v) : String(v)
    return formatPlain(v, f, i18n, (o) => session.labels().option(f, o)) || '—'
  }
  const actionText = (e: HistoryEntry) =>
    KNOWN_ACTIONS.includes(e.action) ? t(`history.action.${e.action}` as MessageKey) : e.action
  return (
    <Show when={!history.error} fallback={<ErrorState error={history.error} onRetry={refetch} />}>
      <Show when={history.latest} fallback={<Loading />}>
        <Show when={history.latest!.length > 0} fallback={<EmptyState title={t('history.empty')} />}>
          <ol class="timeline">
            <For each={[...history.latest!].sort((a, b) => b.at.localeCompare(a.at))}>
              {(e) => (
                <li class="timeline-item">
                  <div class="timeline-head">
                    <strong>{e.actor?.title ?? t('history.system')}</strong>
                    <span>{actionText(e)}</span>
                    <time class="muted" datetime={e.at}>
                      {fmt().dateTime(e.at)}
                    </time>
                  </div>
                  <Show when={e.changes.length > 0}>
                    <ul class="changes">
                      <For each={e.changes}>
                        {(c) => (
                          <li>
                            <span class="change-field">{fieldLabel(c.field)}</span>{' '}
                            <del>{show(c.field, c.old)}</del> <span aria-hidden="true">→</span>
                            <span class="visually-hidden">{t('history.becomes')}</span>{' '}
                            <ins>{show(c.field, c.new)}</ins>
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                </li>
              )}
            </For>
          </ol>
        </Show>
      </Show>
    </Show>
  )
}
