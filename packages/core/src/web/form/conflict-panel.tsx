/**
 * Someone saved this record while it was being edited: show their values next to yours for the fields you
 * changed, and let the user take theirs or save over them.
 * @module
 */
import { For, onMount } from 'solid-js'
import type { RecordData } from '../../entity/define-entity'
import type { EntityMeta } from '../../records/metadata-types'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { readValue } from '../fields/field-def'
import { formatPlain } from '../fields/field-value'
import { IconWarning } from '../ui/icons'

export interface ConflictPanelProps {
  meta: EntityMeta
  current: RecordData
  mine: Record<string, unknown>
  changed: string[]
  onTakeTheirs: () => void
  onKeepMine: () => void
}

export function ConflictPanel(props: ConflictPanelProps) {
  const i18n = useI18n()
  const { t } = i18n
  const session = useSession()
  const text = (name: string, v: unknown) => {
    const f = props.meta.fields[name]
    return formatPlain(v, f, i18n, (o) => session.labels().option(f, o)) || '—'
  }
  let panel: HTMLElement | undefined
  // The save button is at the foot of a long form and the panel at its head: bring the panel to the user.
  onMount(() => panel?.focus())
  return (
    <section class="conflict" role="alert" aria-labelledby="conflict-title" tabindex="-1" ref={panel}>
      <h2 id="conflict-title">
        <IconWarning size={18} aria-hidden="true" /> {t('form.conflictTitle')}
      </h2>
      <p>
        {t('form.conflictMessage', {
          who: props.current.updatedBy?.title ?? t('form.someoneElse'),
        })}
      </p>
      <table class="data-table compact">
        <thead>
          <tr>
            <th scope="col">{t('form.conflictField')}</th>
            <th scope="col">{t('form.conflictTheirs')}</th>
            <th scope="col">{t('form.conflictMine')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.changed.filter((n) => props.meta.fields[n])}>
            {(name) => (
              <tr>
                <th scope="row">{session.labels().field(props.meta.fields[name])}</th>
                <td>{text(name, readValue(props.current, props.meta.fields[name]))}</td>
                <td>{text(name, props.mine[name])}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <div class="form-actions">
        <button type="button" class="button" onClick={() => props.onTakeTheirs()}>
          {t('form.takeTheirs')}
        </button>
        <button type="button" class="button button-primary" onClick={() => props.onKeepMine()}>
          {t('form.keepMine')}
        </button>
      </div>
    </section>
  )
}
