/**
 * A running import: rows done out of the total, the rate and the time left, and a button to stop it.
 * @module
 */
import { Show } from 'solid-js'
import type { ImportStatus } from '../api/import-api'
import { useI18n } from '../app/i18n-context'
import { formatDuration, progressShare } from './import-plan'

export function JobProgress(props: { status: ImportStatus; label: string; onCancel?: () => void }) {
  const { t, fmt } = useI18n()
  const s = () => props.status
  return (
    <div class="form-stack">
      <div class="form-field">
        <label for="import-progress">{props.label}</label>
        <progress id="import-progress" max="1" value={progressShare(s().done, s().total, false)} />
        <p role="status" aria-live="polite">
          {t('import.progress', { done: fmt().number(s().done), total: fmt().number(s().total) })}
          <Show when={s().rate}>{(rate) => <> · {t('import.rate', { n: fmt().number(rate()) })}</>}</Show>
          <Show when={s().secondsLeft !== null}>
            {' · '}
            {t('import.timeLeft', { time: formatDuration(s().secondsLeft ?? 0) })}
          </Show>
        </p>
      </div>
      <Show when={props.onCancel}>
        {(cancel) => (
          <div>
            <button type="button" class="button button-danger-ghost" onClick={() => cancel()()}>
              {t('import.cancel')}
            </button>
          </div>
        )}
      </Show>
    </div>
  )
}
