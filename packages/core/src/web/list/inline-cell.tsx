/**
 * A list cell that can be edited in place: its pencil button opens the field's input, Enter saves with the
 * record's version, Escape cancels.
 * @module
 */
import { createSignal, Show } from 'solid-js'
import type { RecordData } from '../../entity/define-entity'
import { validateRecord } from '../../entity/validate'
import type { EntityMeta, FieldMeta } from '../../records/metadata-types'
import { isApiError } from '../api/api-error'
import { records } from '../api/records-api'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { fieldDef, readValue, toPayload } from '../fields/field-def'
import { FieldInput } from '../fields/field-input'
import { FieldValue } from '../fields/field-value'
import { fieldErrorText } from '../form/field-error-text'
import { IconCheck, IconPencil, IconX } from '../ui/icons'
import { errorText } from '../ui/states'

export interface InlineCellProps {
  meta: EntityMeta
  field: FieldMeta
  row: RecordData
  editable: boolean
  onSaved: (row: RecordData) => void
}

export function InlineCell(props: InlineCellProps) {
  const i18n = useI18n()
  const { t } = i18n
  const session = useSession()
  const [editing, setEditing] = createSignal(false)
  const [draft, setDraft] = createSignal<unknown>()
  const [error, setError] = createSignal('')
  const [saving, setSaving] = createSignal(false)
  const id = () => `cell-${props.row.id}-${props.field.name}`
  const label = () => session.labels().field(props.field)
  let editButton: HTMLButtonElement | undefined

  const start = () => {
    setDraft(readValue(props.row, props.field))
    setError('')
    setEditing(true)
    queueMicrotask(() => (document.getElementById(id()) as HTMLElement | null)?.focus())
  }
  const stop = () => {
    setEditing(false)
    queueMicrotask(() => editButton?.focus())
  }
  const save = async (e: SubmitEvent) => {
    e.preventDefault()
    const f = props.field
    const check = validateRecord({ [f.name]: fieldDef(f) }, { [f.name]: draft() }, { partial: true })
    if (check.errors.length) {
      setError(fieldErrorText(i18n, check.errors[0]))
      return
    }
    setSaving(true)
    try {
      const saved = await records.update(
        props.meta.ref,
        props.row.id,
        toPayload(check.values, props.meta.fields),
        props.row.version,
      )
      props.onSaved(saved)
      stop()
    } catch (err) {
      if (isApiError(err) && err.status === 409 && err.problem.current) {
        props.onSaved(err.problem.current)
        setError(t('form.conflictShort'))
      } else if (isApiError(err) && err.errors.length) setError(fieldErrorText(i18n, err.errors[0]))
      else setError(errorText(err, t('error.generic')))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Show
      when={editing()}
      fallback={
        <div class="cell">
          <FieldValue field={props.field} value={readValue(props.row, props.field)} />
          <Show when={props.editable}>
            <button
              ref={editButton}
              type="button"
              class="icon-button cell-edit"
              aria-label={t('list.editCell', { label: label(), title: props.row._title ?? '' })}
              onClick={start}
            >
              <IconPencil size={14} aria-hidden="true" />
            </button>
          </Show>
        </div>
      }
    >
      <form
        class="cell-form"
        onSubmit={save}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault()
            e.stopPropagation()
            stop()
          }
        }}
      >
        <label class="visually-hidden" for={id()}>
          {label()}
        </label>
        <FieldInput
          id={id()}
          entity={props.meta.ref}
          field={props.field}
          label={label()}
          value={draft()}
          onChange={setDraft}
          invalid={!!error()}
          describedBy={error() ? `${id()}-error` : undefined}
        />
        <button type="submit" class="icon-button" disabled={saving()} aria-label={t('common.save')}>
          <IconCheck size={14} aria-hidden="true" />
        </button>
        <button type="button" class="icon-button" aria-label={t('common.cancel')} onClick={stop}>
          <IconX size={14} aria-hidden="true" />
        </button>
        <Show when={error()}>
          <span id={`${id()}-error`} class="field-error" role="alert">
            {error()}
          </span>
        </Show>
      </form>
    </Show>
  )
}
