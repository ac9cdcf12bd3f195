/**
 * The generic list page of an entity: search, filters, columns, saved views, selection with bulk actions,
 * CSV import and export, in-place edit and paging by cursor.
 * @module
 */
import { A } from '@solidjs/router'
import { createEffect, createMemo, createSignal, on, Show } from 'solid-js'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { recordPath } from '../fields/field-def'
import { Slot } from '../plugins/slot'
import { NotFoundPage } from '../shell/not-found-page'
import { ImportWizard } from '../import/import-wizard'
import { IconFilter, IconPlus, IconSearch } from '../ui/icons'
import { EmptyState, ErrorState, Loading } from '../ui/states'
import { BulkBar } from './bulk-bar'
import { ColumnChooser } from './column-chooser'
import { availableColumns, columnField, filterableFields } from './columns'
import { ExportMenu } from './export-menu'
import { useEntityRoute } from './entity-route'
import { FilterBuilder } from './filter-builder'
import { createListData } from './list-data'
import { createListState } from './list-state'
import { RecordsTable } from './records-table'
import { SavedViews } from './saved-views'

export function ListPage() {
  const route = useEntityRoute()
  return (
    <Show when={route.meta()} keyed fallback={<NotFoundPage />}>
      {(meta) => <EntityList entity={meta.ref} />}
    </Show>
  )
}

function EntityList(props: { entity: string }) {
  const { t, plural, fmt } = useI18n()
  const session = useSession()
  const meta = () => session.entity(props.entity)!
  const state = createListState(meta)
  const [showFilters, setShowFilters] = createSignal(state.filters().length > 0)
  const [search, setSearch] = createSignal(state.q())
  const [importing, setImporting] = createSignal(false)
  const [selected, setSelected] = createSignal<ReadonlySet<string>>(new Set())
  const criteria = createMemo(() => ({ q: state.q(), filters: state.filters(), sort: state.sort() }))
  const data = createListData(() => ({ entity: props.entity, criteria: criteria() }))
  const columns = () => state.columns().flatMap((n) => columnField(meta(), n) ?? [])
  const label = () => session.labels().entityPlural(meta())
  createEffect(on(criteria, () => setSelected(new Set<string>()), { defer: true }))
  let searchTimer: ReturnType<typeof setTimeout> | undefined

  const select = (ids: string[], on: boolean) => {
    const next = new Set(selected())
    for (const id of ids) on ? next.add(id) : next.delete(id)
    setSelected(next)
  }
  const countText = () => {
    const total = data.total()
    return total === undefined ? '' : plural('list.count', total, { n: fmt().count(total, data.capped()) })
  }

  return (
    <div class="list-page">
      <header class="page-header">
        <div>
          <h1>{label()}</h1>
          <p class="muted" role="status" aria-live="polite">
            {countText()}
          </p>
        </div>
        <Show when={session.can(props.entity, 'create')}>
          <A href={recordPath(props.entity, 'new')} class="button button-primary">
            <IconPlus size={16} aria-hidden="true" />
            {t('list.new', { entity: session.labels().entity(meta()) })}
          </A>
        </Show>
      </header>
      <div class="toolbar">
        {/* biome-ignore lint/a11y/useSemanticElements: a form gives Enter its meaning; role=search names the landmark */}
        <form
          class="search-box"
          role="search"
          onSubmit={(e) => {
            e.preventDefault()
            state.set({ q: search() })
          }}
        >
          <IconSearch size={16} aria-hidden="true" />
          <label for="list-search" class="visually-hidden">
            {t('list.search', { entity: label() })}
          </label>
          <input
            id="list-search"
            class="input-bare"
            type="search"
            placeholder={t('list.searchPlaceholder')}
            value={search()}
            onInput={(e) => {
              const v = e.currentTarget.value
              setSearch(v)
              clearTimeout(searchTimer)
              searchTimer = setTimeout(() => state.set({ q: v }), 300)
            }}
          />
        </form>
        <button
          type="button"
          class="button"
          aria-expanded={showFilters()}
          aria-controls="list-filters"
          onClick={() => setShowFilters(!showFilters())}
        >
          <IconFilter size={16} aria-hidden="true" />
          {t('filter.title')}
          <Show when={state.filters().length > 0}>
            <span class="badge-inline">{state.filters().length}</span>
          </Show>
        </button>
        <ColumnChooser
          available={availableColumns(meta())}
          value={state.columns()}
          onChange={(columns) => state.set({ columns })}
        />
        <SavedViews
          entity={props.entity}
          viewId={state.viewId()}
          current={() => ({ columns: state.columns(), sort: state.sort(), filters: state.filters() })}
          onSelect={(id, config) => state.applyView(id, config)}
        />
        <span class="spacer" />
        <Slot name="record.list.toolbar" entity={props.entity} criteria={criteria()} />
        <Show when={session.can(props.entity, 'import')}>
          <button type="button" class="button" onClick={() => setImporting(true)}>
            {t('import.button')}
          </button>
        </Show>
        <Show when={session.can(props.entity, 'export')}>
          <ExportMenu entity={props.entity} criteria={criteria()} fields={state.columns()} />
        </Show>
      </div>
      <Show when={session.can(props.entity, 'import')}>
        <ImportWizard
          entity={props.entity}
          label={label()}
          open={importing()}
          onClose={() => setImporting(false)}
          onChanged={() => data.reload()}
        />
      </Show>
      <div id="list-filters" hidden={!showFilters()}>
        <FilterBuilder
          fields={filterableFields(meta())}
          value={state.filters()}
          onApply={(filters) => state.set({ filters })}
        />
      </div>
      <Show when={selected().size > 0}>
        <BulkBar
          meta={meta()}
          ids={[...selected()]}
          onClear={() => setSelected(new Set<string>())}
          onDeleted={(ids) => {
            data.remove(ids)
            setSelected(new Set<string>())
          }}
          onUpdated={() => {
            setSelected(new Set<string>())
            data.reload()
          }}
        />
      </Show>
      <Show when={!data.error()} fallback={<ErrorState error={data.error()} onRetry={() => data.reload()} />}>
        <Show
          when={data.rows().length > 0}
          fallback={
            <Show when={!data.loading()} fallback={<Loading />}>
              <EmptyState
                title={
                  criteria().q || state.filters().length
                    ? t('list.noMatch')
                    : t('list.empty', { entity: label() })
                }
                hint={criteria().q || state.filters().length ? t('list.noMatchHint') : undefined}
              />
            </Show>
          }
        >
          <RecordsTable
            meta={meta()}
            columns={columns()}
            rows={data.rows()}
            sort={state.sort()}
            onSort={(sort) => state.set({ sort })}
            selected={selected()}
            onSelect={select}
            onSaved={data.replace}
            hasMore={data.hasMore()}
            loading={data.loading()}
            onLoadMore={() => data.loadMore()}
          />
          <div class="list-footer">
            <span class="muted">
              {plural('list.loaded', data.rows().length, { n: fmt().number(data.rows().length) })}
            </span>
            <Show when={data.hasMore()}>
              <button type="button" class="button" disabled={data.loading()} onClick={() => data.loadMore()}>
                {data.loading() ? t('common.loading') : t('list.loadMore')}
              </button>
            </Show>
          </div>
        </Show>
      </Show>
    </div>
  )
}
