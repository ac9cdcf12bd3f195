/**
 * The generic detail page: the record's blocks, related lists and history as tabs, its actions, and the
 * panels plugins contribute to the sidebar and tabs.
 * @module
 */
import { Tabs } from '@kobalte/core/tabs'
import { A, useSearchParams } from '@solidjs/router'
import { createResource, For, Show, Suspense } from 'solid-js'
import { Dynamic } from 'solid-js/web'
import { records } from '../api/records-api'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { recordPath } from '../fields/field-def'
import { useEntityRoute } from '../list/entity-route'
import { Slot } from '../plugins/slot'
import { NotFoundPage } from '../shell/not-found-page'
import { ErrorState, Loading } from '../ui/states'
import { FieldSections, RecordMeta } from './field-sections'
import { HistoryTimeline } from './history-timeline'
import { RecordActions } from './record-actions'
import { RelatedList } from './related-list'

export function DetailPage() {
  const route = useEntityRoute()
  return (
    <Show when={route.meta()} fallback={<NotFoundPage />}>
      <Show when={route.id()} keyed>
        {(id) => <RecordDetail entity={route.ref()} id={id} />}
      </Show>
    </Show>
  )
}

function RecordDetail(props: { entity: string; id: string }) {
  const { t } = useI18n()
  const session = useSession()
  const [params, setParams] = useSearchParams<{ tab?: string }>()
  const meta = () => session.entity(props.entity)!
  const [record, { refetch }] = createResource(() => records.get(props.entity, props.id))
  const relatedLists = () => meta().relatedLists.filter((r) => session.entity(r.entity))
  const pluginTabs = () => session.runtime().slot('record.detail.tabs', props.entity)
  const sidebarPanels = () =>
    meta()
      .panels.filter((p) => p.slot === 'record.detail.sidebar')
      .flatMap((p) => {
        const view = session.runtime().component(p.component)
        return view ? [{ ...p, view }] : []
      })

  return (
    <Show when={!record.error} fallback={<ErrorState error={record.error} onRetry={refetch} />}>
      <Show when={record.latest} fallback={<Loading />}>
        {(r) => (
          <article class="detail-page">
            <header class="page-header">
              <div>
                <nav aria-label={t('detail.breadcrumb')} class="breadcrumb">
                  <A href={recordPath(props.entity)}>{session.labels().entityPlural(meta())}</A>
                </nav>
                <h1>{r()._title || t('common.untitled')}</h1>
              </div>
              <RecordActions meta={meta()} record={r()} onChanged={refetch} />
            </header>
            <div class="detail-layout">
              <Tabs
                value={params.tab ?? 'details'}
                onChange={(tab) => setParams({ tab: tab === 'details' ? undefined : tab }, { replace: true })}
                class="tabs"
              >
                <Tabs.List class="tab-list" aria-label={t('detail.tabs')}>
                  <Tabs.Trigger class="tab" value="details">
                    {t('detail.details')}
                  </Tabs.Trigger>
                  <For each={relatedLists()}>
                    {(rl) => (
                      <Tabs.Trigger class="tab" value={`rel-${rl.id}`}>
                        {session.labels().msg(rl.label)}
                      </Tabs.Trigger>
                    )}
                  </For>
                  <For each={pluginTabs()}>
                    {(tab, i) => (
                      <Tabs.Trigger class="tab" value={`plugin-${tab.plugin}-${i()}`}>
                        {session.labels().msg(tab.label ?? tab.plugin)}
                      </Tabs.Trigger>
                    )}
                  </For>
                  <Tabs.Trigger class="tab" value="history">
                    {t('detail.history')}
                  </Tabs.Trigger>
                </Tabs.List>
                <Tabs.Content class="tab-panel" value="details">
                  <FieldSections meta={meta()} record={r()} />
                  <RecordMeta record={r()} />
                </Tabs.Content>
                <For each={relatedLists()}>
                  {(rl) => (
                    <Tabs.Content class="tab-panel" value={`rel-${rl.id}`}>
                      <RelatedList meta={meta()} record={r()} list={rl} />
                    </Tabs.Content>
                  )}
                </For>
                <For each={pluginTabs()}>
                  {(tab, i) => (
                    <Tabs.Content class="tab-panel" value={`plugin-${tab.plugin}-${i()}`}>
                      <Suspense fallback={<Loading />}>
                        <Dynamic
                          component={tab.view}
                          entity={props.entity}
                          record={r()}
                          onChanged={refetch}
                        />
                      </Suspense>
                    </Tabs.Content>
                  )}
                </For>
                <Tabs.Content class="tab-panel" value="history">
                  <HistoryTimeline meta={meta()} id={props.id} version={r().version} />
                </Tabs.Content>
              </Tabs>
              <aside class="detail-sidebar" aria-label={t('detail.sidebar')}>
                <For each={sidebarPanels()}>
                  {(p) => (
                    <Suspense fallback={<Loading />}>
                      <Dynamic component={p.view} entity={props.entity} record={r()} onChanged={refetch} />
                    </Suspense>
                  )}
                </For>
                <Slot name="record.detail.sidebar" entity={props.entity} record={r()} onChanged={refetch} />
              </aside>
            </div>
          </article>
        )}
      </Show>
    </Show>
  )
}
