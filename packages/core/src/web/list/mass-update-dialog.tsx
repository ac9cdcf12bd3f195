/**
 * Mass update: one field set to one value on every selected record (`POST .../bulk`, action `update`).
 * @module
 */
import { createSignal, For, Show } from 'solid-js'
import { validateRecord } from '../../entity/validate'
import type { EntityMeta } from '../../records/metadata-types'
import { records } from '../api/records-api'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { fieldDef, isEditable, toPayload } from '../fields/field-def'
import { fieldErrorText } from '../form/field-error-text'
import { FormField } from '../form/form-field'
import { Modal } from '../ui/modal'
import { errorText } from '../ui/states'
import { notify } from '../ui/toaster'

export interface MassUpdateDialogProps {
  open: boolean
  meta: EntityMeta
  ids: string[]
  onClose: () => void
  onDone: () => void
}

export function MassUpdateDialog(props: MassUpdateDialogProps) {
  const i18n = useI18n()
  const { t } = i18n
  const session = useSession()
  const fields = () => Object.values(props.meta.fields).filter((f) => isEditable(f) && !f.unique)
  const [name, setName] = createSignal('')
  const [value, setValue] = createSignal<unknown>(null)
  const [error, setError] = createSignal('')
  const field = () => props.meta.fields[name()] ?? fields()[0]
  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    const f = field()
    const check = validateRecord({ [f.name]: fieldDef(f) }, { [f.name]: value() }, { partial: true })
    if (check.errors.length) {
      setError(fieldErrorText(i18n, check.errors[0]))
      return
    }
    try {
      await records.bulk(props.meta.ref, {
        action: 'update',
        ids: props.ids,
        data: toPayload(check.values, props.meta.fields),
      })
      notify('success', i18n.plural('bulk.updated', props.ids.length))
      props.onDone()
    } catch (err) {
      setError(errorText(err, t('error.generic')))
    }
  }
  return (
    <Modal
      open={props.open}
      onOpenChange={(o) => !o && props.onClose()}
      title={i18n.plural('bulk.updateTitle', props.ids.length)}
    >
      <form class="form-stack" onSubmit={submit}>
        <div class="form-field">
          <label for="mass-field">{t('bulk.field')}</label>
          <select
            id="mass-field"
            class="input select"
            value={field()?.name}
            onChange={(e) => {
              setName(e.currentTarget.value)
              setValue(null)
              setError('')
            }}
          >
            <For each={fields()}>{(f) => <option value={f.name}>{session.labels().field(f)}</option>}</For>
          </select>
        </div>
        <Show when={field()} keyed>
          {(f) => (
            <FormField
              entity={props.meta.ref}
              field={{ ...f, required: false }}
              label={t('bulk.newValue')}
              value={value()}
              error={error()}
              onChange={setValue}
            />
          )}
        </Show>
        <div class="modal-footer">
          <button type="button" class="button" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="button button-primary">
            {t('bulk.apply')}
          </button>
        </div>
      </form>
    </Modal>
  )
}
