/**
 * The end of a real import: the button that undoes it while undo is allowed (and until when), then the
 * undo's progress and what it did — records moved to the recycle bin, records restored, records left alone
 * because they changed since.
 * @module
 */
import { Match, Show, Switch } from 'solid-js'
import { type ImportStatus, isFinished, type UndoStatus } from '../api/import-api'
import { useI18n } from '../app/i18n-context'
import { Loading } from '../ui/states'

export function UndoPart(props: { status: ImportStatus; undo: UndoStatus | undefined; onUndo: () => void }) {
  const { t, fmt } = useI18n()
  return (
    <Switch>
      <Match when={props.undo && !isFinished(props.undo)}>
        <Loading label={t('import.undoing')} />
      </Match>
      <Match when={props.undo?.status === 'done' && props.undo}>
        {(u) => (
          <div role="status">
            <p>
              {t('import.undone', {
                trashed: fmt().number(u().trashed),
                restored: fmt().number(u().restored),
              })}
            </p>
            <Show when={u().conflicts > 0}>
              <p class="muted">{t('import.undoConflicts', { n: fmt().number(u().conflicts) })}</p>
            </Show>
          </div>
        )}
      </Match>
      <Match when={props.status.undoableUntil}>
        {(until) => (
          <div class="form-stack">
            <div>
              <button type="button" class="button" onClick={() => props.onUndo()}>
                {t('import.undo')}
              </button>
            </div>
            <p class="field-hint">{t('import.undoUntil', { date: fmt().dateTime(until()) })}</p>
          </div>
        )}
      </Match>
    </Switch>
  )
}
