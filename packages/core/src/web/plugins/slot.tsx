/**
 * `<Slot>`: where plugins' contributions render inside the generic pages. Every prop but `name` is passed
 * to each contributed component (`entity`, `record`, `ids`, …).
 * @module
 */
import { ErrorBoundary, For, Suspense } from 'solid-js'
import { Dynamic } from 'solid-js/web'
import { useSession } from '../app/session-context'
import type { SlotName } from './define-web-plugin'

export interface SlotProps {
  name: SlotName
  entity?: string
  [prop: string]: unknown
}

export function Slot(props: SlotProps) {
  const session = useSession()
  const contributions = () => session.runtime().slot(props.name, props.entity)
  return (
    <For each={contributions()}>
      {(c) => (
        <ErrorBoundary
          fallback={(err) => {
            console.error(`Plugin ${c.plugin}: its contribution to ${props.name} failed`, err)
            return null
          }}
        >
          <Suspense>
            <Dynamic component={c.view} {...props} />
          </Suspense>
        </ErrorBoundary>
      )}
    </For>
  )
}
