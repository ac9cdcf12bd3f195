/**
 * Checks plugins run when a form is submitted, before anything is saved (a duplicate warning on a new
 * lead). Each contribution to the `record.form.beforeSave` slot renders with `BeforeSaveProps` and
 * answers once: `proceed()` to go on (the next check, then the save) or `cancel()` to go back to the
 * form. A check with nothing to say calls `proceed()` straight away and renders nothing.
 * @module
 */
import { ErrorBoundary, Show, Suspense } from 'solid-js'
import { Dynamic } from 'solid-js/web'
import type { RecordData } from '../../entity/define-entity'
import { useSession } from '../app/session-context'

export interface BeforeSaveProps {
  entity: string
  /** `true` for a new record. */
  creating: boolean
  /** The values about to be sent (the changed ones when editing). */
  values: Record<string, unknown>
  /** The record being edited. */
  record?: RecordData
  proceed: () => void
  cancel: () => void
}

export interface BeforeSaveGateProps {
  entity: string
  creating: boolean
  values: Record<string, unknown>
  record?: RecordData
  /** Index of the check to show. */
  step: number
  onStep: (next: number) => void
  onPassed: () => void
  onCancel: () => void
}

/** Whether the entity's form has checks to pass before saving. */
export function useBeforeSaveChecks(entity: () => string) {
  const session = useSession()
  return () => session.runtime().slot('record.form.beforeSave', entity())
}

/** Shows the check at `step`; a check that fails to load or throws lets the save go on. */
export function BeforeSaveGate(props: BeforeSaveGateProps) {
  const checks = useBeforeSaveChecks(() => props.entity)
  const current = () => checks()[props.step]
  let answered = -1
  const next = () => {
    if (answered === props.step) return
    answered = props.step
    if (props.step + 1 < checks().length) props.onStep(props.step + 1)
    else props.onPassed()
  }
  const cancel = () => {
    if (answered === props.step) return
    answered = props.step
    props.onCancel()
  }
  return (
    <Show when={current()} keyed>
      {(c) => (
        <ErrorBoundary
          fallback={(err) => {
            console.error(`Plugin ${c.plugin}: its check before saving failed`, err)
            queueMicrotask(next)
            return null
          }}
        >
          <Suspense>
            <Dynamic
              component={c.view}
              entity={props.entity}
              creating={props.creating}
              values={props.values}
              record={props.record}
              proceed={next}
              cancel={cancel}
            />
          </Suspense>
        </ErrorBoundary>
      )}
    </Show>
  )
}
