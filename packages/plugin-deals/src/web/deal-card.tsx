/**
 * A deal on the pipeline: name (a link to the deal), account, amount and close date. It drags to another
 * column, and its "move to" menu does the same from the keyboard, for users who may change deals.
 * @module
 */
import { For, Show } from 'solid-js'
import type { Deal, Stage } from './pipeline-data'
import type { PipelineText } from './pipeline-text'

export interface DealCardProps {
  deal: Deal
  stages: Stage[]
  href: string
  /** False for users who may not change deals: no dragging, no menu. */
  movable: boolean
  busy: boolean
  money: (v: string | null | undefined) => string
  date: (v: string | null | undefined) => string
  t: PipelineText
  onDragStart: (deal: Deal, e: DragEvent) => void
  onDragEnd: () => void
  onMove: (deal: Deal, stage: Stage) => void
}

export function DealCard(props: DealCardProps) {
  const moveLabel = () => props.t('pipeline.moveTo', { deal: props.deal.name })
  return (
    <article
      class="card pipeline-card"
      draggable={props.movable && !props.busy}
      aria-busy={props.busy}
      aria-label={props.deal.name}
      onDragStart={(e) => props.onDragStart(props.deal, e)}
      onDragEnd={() => props.onDragEnd()}
    >
      <a class="pipeline-card-name" href={props.href}>
        {props.deal.name}
      </a>
      <p class="muted">{props.deal.account?.title ?? ''}</p>
      <p class="pipeline-card-figures">
        <span class="num">{props.money(props.deal.amount)}</span>
        <span>{props.date(props.deal.closeDate)}</span>
      </p>
      <Show when={props.movable}>
        <select
          class="input select select-compact"
          aria-label={moveLabel()}
          title={moveLabel()}
          disabled={props.busy}
          value=""
          onChange={(e) => {
            const stage = props.stages.find((s) => s.id === e.currentTarget.value)
            e.currentTarget.value = ''
            if (stage) props.onMove(props.deal, stage)
          }}
        >
          <option value="">{props.t('pipeline.move')}</option>
          <For each={props.stages.filter((s) => s.id !== props.deal.stage.id)}>
            {(s) => <option value={s.id}>{s.name}</option>}
          </For>
        </select>
      </Show>
    </article>
  )
}
