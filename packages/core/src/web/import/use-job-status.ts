/**
 * `useJobStatus`: follows an import (or undo) job, asking for its status until it has stopped for good.
 * A new id restarts the watch; leaving the page stops it.
 * @module
 */
import { type Accessor, createEffect, createSignal, on, onCleanup } from 'solid-js'
import { isFinished } from '../api/import-api'

const POLL_MS = 500

export interface JobWatch<T> {
  status: Accessor<T | undefined>
  error: Accessor<unknown>
  /** Asks again at once (after a cancel or an undo changed the job). */
  refresh(): void
}

export function useJobStatus<T extends { status: string }>(
  id: Accessor<string | undefined>,
  load: (id: string) => Promise<T>,
): JobWatch<T> {
  const [status, setStatus] = createSignal<T>()
  const [error, setError] = createSignal<unknown>()
  const [tick, setTick] = createSignal(0)
  createEffect(
    on([id, tick], ([jobId]) => {
      if (!jobId) {
        setStatus(undefined)
        return
      }
      setError(undefined)
      let stopped = false
      let timer: ReturnType<typeof setTimeout> | undefined
      const ask = async () => {
        try {
          const s = await load(jobId)
          if (stopped) return
          setStatus(() => s)
          if (!isFinished(s)) timer = setTimeout(ask, POLL_MS)
        } catch (e) {
          if (!stopped) setError(e)
        }
      }
      void ask()
      onCleanup(() => {
        stopped = true
        clearTimeout(timer)
      })
    }),
  )
  return { status, error, refresh: () => setTick((n) => n + 1) }
}
