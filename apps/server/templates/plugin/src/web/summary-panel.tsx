/**
 * The sidebar panel of a __entity__'s detail page: how many records the tenant has in each status, from the
 * plugin's own route.
 * @module
 */
import { ErrorState, Loading, request, useSession } from '@comptoir/core/web'
import { createResource, For, Show } from 'solid-js'

interface Summary {
  byStatus: Record<string, number>
}

export default function SummaryPanel() {
  const session = useSession()
  const msg = (key: string) => session.labels().msg(`__id__:${key}`)
  const [summary, { refetch }] = createResource(() => request<Summary>('/p/__id__/summary'))
  return (
    <section class="panel" aria-label={msg('panel.summary.title')}>
      <h2>{msg('panel.summary.title')}</h2>
      <Show when={!summary.error} fallback={<ErrorState error={summary.error} onRetry={refetch} />}>
        <Show when={summary()} fallback={<Loading />}>
          {(s) => (
            <dl>
              <For each={Object.entries(s().byStatus)}>
                {([status, count]) => (
                  <>
                    <dt>{msg(`option.__entity__.status.${status}`)}</dt>
                    <dd>{count}</dd>
                  </>
                )}
              </For>
            </dl>
          )}
        </Show>
      </Show>
    </section>
  )
}
