/**
 * The sales pipeline page (`/p/deals/pipeline`): the board of the deals that match the search and the
 * filters the deals list uses (same `q` and `f` address parameters, sent as the same `filter[...]`
 * parameters), a "my deals" switch, a link back to the list with the same filters, and, for users who
 * may change the pipeline's stages, a link to them.
 * @module
 */
import {
  type FilterRow,
  records,
  recordPath,
  useI18n,
  useSession,
  ErrorState,
  Loading,
} from '@comptoir/core/web'
import { useSearchParams } from '@solidjs/router'
import { createMemo, createResource, For, Show } from 'solid-js'
import { PipelineBoard } from './pipeline-board'
import { type Deal, mayMove, parseFilters, type Stage, type UpdateScope, viewQuery } from './pipeline-data'
import { pipelineText } from './pipeline-text'
import './pipeline.css'

/** Enough for a small business's open pipeline; beyond, the page says to narrow it with filters. */
const MAX_DEALS = 1000
const PAGE = 200

async function loadDeals(q: string | undefined, filters: FilterRow[]) {
  const out: Deal[] = []
  let cursor: string | null = null
  do {
    const page = await records.list('deals.deal', { q, filters, sort: 'closeDate', limit: PAGE, cursor })
    out.push(...(page.data as Deal[]))
    cursor = page.nextCursor
  } while (cursor && out.length < MAX_DEALS)
  return { deals: out, truncated: !!cursor }
}

export default function PipelinePage() {
  const session = useSession()
  const { fmt, locale } = useI18n()
  const [params, setParams] = useSearchParams<{ q?: string; f?: string }>()
  const t = createMemo(() => pipelineText((key) => session.bootstrap().messages[key], locale()))
  const filters = createMemo(() => parseFilters(params.f))
  const mine = (): FilterRow => ({ field: 'owner', op: 'eq', value: session.bootstrap().user.id })
  const onlyMine = () =>
    filters().some((f) => f.field === 'owner' && f.op === 'eq' && f.value === mine().value)
  const setFilters = (rows: FilterRow[]) => setParams({ f: rows.length ? JSON.stringify(rows) : undefined })
  const meta = () => session.entity('deals.deal')
  const label = (row: FilterRow) => {
    const field = meta()?.fields[row.field]
    const name =
      row.field === 'owner'
        ? session.labels().msg('core:field.owner')
        : field
          ? session.labels().field(field)
          : row.field
    const value = Array.isArray(row.value)
      ? row.value.join(', ')
      : ((row.value as { title?: string })?.title ?? String(row.value))
    return `${name} · ${field?.options ? session.labels().option(field, value) : value}`
  }

  const [stages] = createResource(
    async () => (await records.list('deals.stage', { sort: 'position', limit: 200 })).data as Stage[],
  )
  const [board] = createResource(
    () => ({ q: params.q, filters: filters() }),
    (c) => loadDeals(c.q, c.filters),
  )
  const move = async (deal: Deal, stage: Stage, extra: { lostReason?: string }) =>
    (await records.update('deals.deal', deal.id, { stage: stage.id, ...extra }, deal.version)) as Deal

  return (
    <div class="page pipeline-page">
      <header class="page-header">
        <h1>{t()('pipeline.title')}</h1>
        <span class="spacer" />
        <Show when={session.can('deals.stage', 'update')}>
          <a class="button" href={recordPath('deals.stage')}>
            {t()('pipeline.stages')}
          </a>
        </Show>
        <a class="button" href={`${recordPath('deals.deal')}${viewQuery(params.q, filters())}`}>
          {t()('pipeline.listView')}
        </a>
      </header>
      <div class="toolbar">
        <input
          type="search"
          class="input search-box"
          aria-label={t()('pipeline.search')}
          placeholder={t()('pipeline.search')}
          value={params.q ?? ''}
          onChange={(e) => setParams({ q: e.currentTarget.value || undefined })}
        />
        <label class="checkbox">
          <input
            type="checkbox"
            checked={onlyMine()}
            onChange={(e) =>
              setFilters(
                e.currentTarget.checked
                  ? [...filters(), mine()]
                  : filters().filter((f) => f.field !== 'owner'),
              )
            }
          />
          {t()('pipeline.mine')}
        </label>
        <ul class="chips" aria-label={t()('pipeline.filters')}>
          <For each={filters()}>
            {(row, i) => (
              <li class="chip">
                {label(row)}
                <button
                  type="button"
                  class="icon-button"
                  aria-label={t()('pipeline.removeFilter', { filter: label(row) })}
                  onClick={() => setFilters(filters().filter((_, j) => j !== i()))}
                >
                  ×
                </button>
              </li>
            )}
          </For>
        </ul>
      </div>
      <Show
        when={!stages.error && !board.error}
        fallback={<ErrorState error={stages.error ?? board.error} />}
      >
        <Show when={stages() && board()} fallback={<Loading />}>
          <Show when={board()!.truncated}>
            <p class="muted">{t()('pipeline.truncated', { n: MAX_DEALS })}</p>
          </Show>
          <PipelineBoard
            stages={stages()!}
            deals={board()!.deals}
            money={(v) => fmt().money(v)}
            date={(v) => fmt().date(v)}
            t={t()}
            dealHref={(d) => recordPath('deals.deal', d.id)}
            movable={(deal) =>
              session.bootstrap().user.isAdmin ||
              mayMove(meta()?.can.update as UpdateScope, session.bootstrap().user.id, deal)
            }
            onMove={move}
          />
        </Show>
      </Show>
    </div>
  )
}
