/**
 * The pipeline board: one column per stage with its count and the sum of its amounts, the deals as
 * cards. A card moves by drag and drop or by its "move to" menu; a move to a lost stage first asks for
 * the reason. The card moves at once and goes back, with the server's message, if the server refuses.
 * @module
 */
import { isApiError } from '@comptoir/core/web'
import { createMemo, createSignal, For, on, createComputed, Show } from 'solid-js'
import { DealCard } from './deal-card'
import { LostReasonDialog } from './lost-reason-dialog'
import { buildColumns, type Deal, movedDeal, type Stage } from './pipeline-data'
import type { PipelineText } from './pipeline-text'

export interface PipelineBoardProps {
  stages: Stage[]
  deals: Deal[]
  money: (v: string | null | undefined) => string
  date: (v: string | null | undefined) => string
  t: PipelineText
  dealHref: (deal: Deal) => string
  /** Whether the user may change deals, or which ones (default all). */
  movable?: boolean | ((deal: Deal) => boolean)
  /** Saves the move; resolves to the deal as stored, rejects with the server's problem. */
  onMove: (deal: Deal, stage: Stage, extra: { lostReason?: string }) => Promise<Deal>
}

/** What the server said, for the alert under the toolbar. */
function refusal(err: unknown, t: PipelineText): string {
  if (!isApiError(err)) return t('pipeline.moveFailed')
  const details = err.errors.map((e) => e.message).filter(Boolean)
  return [err.problem.title ?? t('pipeline.moveFailed'), ...details].join(' ')
}

export function PipelineBoard(props: PipelineBoardProps) {
  const [deals, setDeals] = createSignal<Deal[]>([])
  // A fresh list from the page (filters changed, reloaded) replaces the board's.
  createComputed(
    on(
      () => props.deals,
      (list) => setDeals(list),
    ),
  )
  const columns = createMemo(() => buildColumns(props.stages, deals()))
  const [dragged, setDragged] = createSignal<string>()
  const [over, setOver] = createSignal<string>()
  const [busy, setBusy] = createSignal<string>()
  const [error, setError] = createSignal<string>()
  const [asking, setAsking] = createSignal<{ deal: Deal; stage: Stage }>()

  const canMove = (deal: Deal) =>
    typeof props.movable === 'function' ? props.movable(deal) : props.movable !== false
  const replace = (deal: Deal) => setDeals((list) => list.map((d) => (d.id === deal.id ? deal : d)))

  async function commit(deal: Deal, stage: Stage, extra: { lostReason?: string }) {
    setError(undefined)
    setBusy(deal.id)
    replace(movedDeal(deal, stage, extra))
    try {
      replace(await props.onMove(deal, stage, extra))
    } catch (err) {
      replace(deal)
      setError(refusal(err, props.t))
    } finally {
      setBusy(undefined)
    }
  }

  function move(deal: Deal, stage: Stage) {
    if (deal.stage.id === stage.id || busy() || !canMove(deal)) return
    if (stage.kind === 'lost') setAsking({ deal, stage })
    else void commit(deal, stage, {})
  }

  const drop = (stage: Stage, e: DragEvent) => {
    e.preventDefault()
    setOver(undefined)
    const id = dragged() ?? e.dataTransfer?.getData('text/plain')
    const deal = deals().find((d) => d.id === id)
    setDragged(undefined)
    if (deal) move(deal, stage)
  }

  return (
    <div class="pipeline">
      <Show when={error()}>
        <p class="form-error" role="alert">
          {error()}
        </p>
      </Show>
      <div class="pipeline-columns">
        <For each={columns()}>
          {(column) => (
            <section
              class="pipeline-column"
              classList={{ 'pipeline-column-over': over() === column.stage.id }}
              aria-labelledby={`pipeline-stage-${column.stage.id}`}
              onDragOver={(e) => {
                e.preventDefault()
                if (e.dataTransfer) e.dataTransfer.dropEffect = 'move'
                setOver(column.stage.id)
              }}
              onDragLeave={() => setOver(undefined)}
              onDrop={(e) => drop(column.stage, e)}
            >
              <header class="pipeline-column-header">
                <h2 id={`pipeline-stage-${column.stage.id}`}>{column.stage.name}</h2>
                <p class="pipeline-column-figures">
                  <span class="badge-inline">{props.t('pipeline.count', { n: column.deals.length })}</span>
                  <span class="num">{props.money(column.total)}</span>
                </p>
              </header>
              <div class="pipeline-cards">
                <For each={column.deals}>
                  {(deal) => (
                    <DealCard
                      deal={deal}
                      stages={columns().map((c) => c.stage)}
                      href={props.dealHref(deal)}
                      movable={canMove(deal)}
                      busy={busy() === deal.id}
                      money={props.money}
                      date={props.date}
                      t={props.t}
                      onDragStart={(d, e) => {
                        setDragged(d.id)
                        e.dataTransfer?.setData('text/plain', d.id)
                        if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move'
                      }}
                      onDragEnd={() => setDragged(undefined)}
                      onMove={move}
                    />
                  )}
                </For>
              </div>
            </section>
          )}
        </For>
      </div>
      <Show when={asking()}>
        {(a) => (
          <LostReasonDialog
            dealName={a().deal.name}
            stageName={a().stage.name}
            t={props.t}
            onCancel={() => setAsking(undefined)}
            onConfirm={(lostReason) => {
              const { deal, stage } = a()
              setAsking(undefined)
              void commit(deal, stage, { lostReason })
            }}
          />
        )}
      </Show>
    </div>
  )
}
