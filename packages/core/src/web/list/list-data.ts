/**
 * The rows of a list, loaded page by page with the keyset cursor; the first page also asks for the
 * (capped) count. Changing the criteria starts over and drops late answers of the previous criteria.
 * @module
 */
import { batch, createEffect, createSignal, on, onCleanup } from 'solid-js'
import type { RecordData } from '../../entity/define-entity'
import type { ListCriteria } from '../api/list-params'
import { records } from '../api/records-api'

export interface ListData {
  rows(): RecordData[]
  total(): number | undefined
  capped(): boolean
  hasMore(): boolean
  loading(): boolean
  error(): unknown
  loadMore(): Promise<void>
  reload(): void
  replace(row: RecordData): void
  remove(ids: readonly string[]): void
}

const PAGE = 100

export function createListData(
  source: () => { entity: string; criteria: ListCriteria } | undefined,
): ListData {
  const [rows, setRows] = createSignal<RecordData[]>([])
  const [cursor, setCursor] = createSignal<string | null>(null)
  const [total, setTotal] = createSignal<number>()
  const [capped, setCapped] = createSignal(false)
  const [loading, setLoading] = createSignal(false)
  const [error, setError] = createSignal<unknown>()
  let controller: AbortController | undefined
  let generation = 0

  const fetchPage = async (first: boolean) => {
    const src = source()
    if (!src) return
    if (!first && (loading() || !cursor())) return
    controller?.abort()
    controller = new AbortController()
    const mine = first ? ++generation : generation
    setLoading(true)
    setError(undefined)
    try {
      const res = await records.list(
        src.entity,
        { ...src.criteria, limit: PAGE, cursor: first ? null : cursor(), count: first },
        controller.signal,
      )
      if (mine !== generation) return
      batch(() => {
        setRows((prev) => (first ? res.data : [...prev, ...res.data]))
        setCursor(res.nextCursor)
        if (first) {
          setTotal(res.total)
          setCapped(!!res.totalCapped)
        }
      })
    } catch (e) {
      if ((e as Error).name !== 'AbortError' && mine === generation) setError(e)
    } finally {
      if (mine === generation) setLoading(false)
    }
  }

  createEffect(
    on(
      () => JSON.stringify(source()),
      () => {
        setRows([])
        setCursor(null)
        void fetchPage(true)
      },
    ),
  )
  onCleanup(() => controller?.abort())

  return {
    rows,
    total,
    capped,
    hasMore: () => !!cursor(),
    loading,
    error,
    loadMore: () => fetchPage(false),
    reload: () => void fetchPage(true),
    replace: (row) => setRows((prev) => prev.map((r) => (r.id === row.id ? row : r))),
    remove: (ids) => {
      const gone = new Set(ids)
      setRows((prev) => prev.filter((r) => !gone.has(r.id)))
      setTotal((n) => (n === undefined || capped() ? n : Math.max(0, n - ids.length)))
    },
  }
}
