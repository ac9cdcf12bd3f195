/**
 * Links an existing record (many-to-many): pick it, optionally with a role.
 * @module
 */
import { createSignal, For, Show } from 'solid-js'
import type { FieldMeta } from '../../records/metadata-types'
import { useI18n } from '../app/i18n-context'
import { useSession } from '../app/session-context'
import { ReferencePicker, type RefOption } from '../fields/reference-picker'
import { Modal } from '../ui/modal'
import { errorText } from '../ui/states'

export interface LinkDialogProps {
  open: boolean
  entity: string
  roleOptions?: readonly string[]
  /** The label of a role option (its message); the raw value without it. */
  roleLabel?: (role: string) => string
  onClose: () => void
  onLink: (id: string, role?: string) => Promise<void>
}

export function LinkDialog(props: LinkDialogProps) {
  const { t } = useI18n()
  const session = useSession()
  const [picked, setPicked] = createSignal<RefOption | null>(null)
  const [role, setRole] = createSignal('')
  const [error, setError] = createSignal('')
  const targetLabel = () => {
    const m = session.entity(props.entity)
    return m ? session.labels().entity(m) : props.entity
  }
  const field = (): FieldMeta => ({
    name: 'target',
    type: 'belongsTo',
    label: targetLabel(),
    required: true,
    unique: false,
    readOnly: false,
    hidden: false,
    searchable: false,
    operators: [],
    origin: 'entity',
    plugin: 'core',
    target: props.entity,
  })
  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    const p = picked()
    if (!p) return
    try {
      setError('')
      await props.onLink(p.id, role() || undefined)
      setPicked(null)
    } catch (err) {
      setError(errorText(err, t('error.generic')))
    }
  }
  return (
    <Modal
      open={props.open}
      onOpenChange={(o) => !o && props.onClose()}
      title={t('related.linkTitle', { entity: targetLabel() })}
    >
      <form class="form-stack" onSubmit={submit}>
        <div class="form-field">
          <label for="link-target">{targetLabel()}</label>
          <ReferencePicker
            id="link-target"
            field={field()}
            label={targetLabel()}
            value={picked()}
            onChange={(v) => setPicked(v as RefOption | null)}
          />
        </div>
        <Show when={props.roleOptions?.length}>
          <div class="form-field">
            <label for="link-role">{t('related.role')}</label>
            <select
              id="link-role"
              class="input select"
              value={role()}
              onChange={(e) => setRole(e.currentTarget.value)}
            >
              <option value="">{t('field.choose')}</option>
              <For each={props.roleOptions}>
                {(r) => <option value={r}>{props.roleLabel ? props.roleLabel(r) : r}</option>}
              </For>
            </select>
          </div>
        </Show>
        <Show when={error()}>
          <p class="form-error" role="alert">
            {error()}
          </p>
        </Show>
        <div class="modal-footer">
          <button type="button" class="button" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="button button-primary" disabled={!picked()}>
            {t('related.link')}
          </button>
        </div>
      </form>
    </Modal>
  )
}
