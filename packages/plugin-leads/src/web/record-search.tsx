/**
 * Finds an existing record by typing part of its name and picks it.
 * @module
 */
import { createSignal, For, Show } from 'solid-js'
import { getJson } from './api'

export interface Picked {
  id: string
  title: string
}

export function RecordSearch(props: {
  entity: string
  label: string
  value?: Picked
  onPick: (p: Picked) => void
}) {
  const [results, setResults] = createSignal<Picked[]>([])
  let seq = 0
  const search = async (q: string) => {
    const mine = ++seq
    if (q.trim().length < 2) return setResults([])
    const page = await getJson<{ data: { id: string; _title?: string }[] }>(
      `/records/${props.entity}?q=${encodeURIComponent(q)}&limit=8`,
    )
    if (mine === seq) setResults(page.data.map((r) => ({ id: r.id, title: r._title ?? r.id })))
  }
  return (
    <div class="record-search">
      <input type="search" aria-label={props.label} onInput={(e) => void search(e.currentTarget.value)} />
      <Show when={props.value}>{(v) => <p class="record-search-picked">{v().title}</p>}</Show>
      <ul class="record-search-results">
        <For each={results()}>
          {(r) => (
            <li>
              <button
                type="button"
                class="link-button"
                aria-pressed={props.value?.id === r.id}
                onClick={() => props.onPick(r)}
              >
                {r.title}
              </button>
            </li>
          )}
        </For>
      </ul>
    </div>
  )
}
