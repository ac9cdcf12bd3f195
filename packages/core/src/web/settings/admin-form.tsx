/**
 * The dialog form of the settings lists: a few typed fields, the server's field errors shown in place.
 * @module
 */
import { createSignal, For, Match, Show, Switch } from 'solid-js'
import { createStore } from 'solid-js/store'
import { isApiError } from '../api/api-error'
import { useI18n } from '../app/i18n-context'
import { fieldErrorText } from '../form/field-error-text'
import { Modal } from '../ui/modal'
import { errorText } from '../ui/states'

export interface AdminField {
  name: string
  label: string
  type: 'text' | 'email' | 'password' | 'number' | 'select' | 'checkbox' | 'checkboxes'
  options?: () => { value: string; label: string }[]
  required?: boolean
  createOnly?: boolean
  hint?: string
}

export interface AdminFormProps {
  title: string
  fields: AdminField[]
  values: Record<string, unknown>
  onSubmit: (values: Record<string, unknown>) => Promise<void>
  onClose: () => void
}

export function AdminForm(props: AdminFormProps) {
  const i18n = useI18n()
  const { t } = i18n
  const [values, setValues] = createStore<Record<string, unknown>>({ ...props.values })
  const [errors, setErrors] = createStore<Record<string, string>>({})
  const [error, setError] = createSignal('')
  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    setError('')
    try {
      await props.onSubmit({ ...values })
    } catch (err) {
      if (isApiError(err) && err.errors.length) {
        for (const fe of err.errors) setErrors(fe.path.split('.')[0], fieldErrorText(i18n, fe))
      }
      setError(errorText(err, t('error.generic')))
    }
  }
  const list = (name: string) => (Array.isArray(values[name]) ? (values[name] as string[]) : [])
  return (
    <Modal open onOpenChange={(o) => !o && props.onClose()} title={props.title}>
      <form class="form-stack" onSubmit={submit}>
        <For each={props.fields}>
          {(f) => {
            const id = `admin-${f.name}`
            const describedBy = () =>
              [errors[f.name] ? `${id}-error` : '', f.hint ? `${id}-hint` : ''].filter(Boolean).join(' ') ||
              undefined
            return (
              <div class="form-field" classList={{ 'form-field-check': f.type === 'checkbox' }}>
                <Switch
                  fallback={
                    <>
                      <label for={id}>{f.label}</label>
                      <input
                        id={id}
                        class="input"
                        type={f.type}
                        required={f.required}
                        aria-describedby={describedBy()}
                        value={(values[f.name] as string) ?? ''}
                        onInput={(e) =>
                          setValues(
                            f.name,
                            f.type === 'number' ? Number(e.currentTarget.value) : e.currentTarget.value,
                          )
                        }
                      />
                    </>
                  }
                >
                  <Match when={f.type === 'checkbox'}>
                    <label class="checkbox">
                      <input
                        id={id}
                        type="checkbox"
                        checked={values[f.name] === true}
                        onChange={(e) => setValues(f.name, e.currentTarget.checked)}
                      />
                      <span>{f.label}</span>
                    </label>
                  </Match>
                  <Match when={f.type === 'select'}>
                    <label for={id}>{f.label}</label>
                    <select
                      id={id}
                      class="input select"
                      required={f.required}
                      value={(values[f.name] as string) ?? ''}
                      onChange={(e) => setValues(f.name, e.currentTarget.value)}
                    >
                      <option value="">{t('field.choose')}</option>
                      <For each={f.options?.() ?? []}>
                        {(o) => <option value={o.value}>{o.label}</option>}
                      </For>
                    </select>
                  </Match>
                  <Match when={f.type === 'checkboxes'}>
                    <fieldset class="checkbox-group">
                      <legend>{f.label}</legend>
                      <For each={f.options?.() ?? []}>
                        {(o) => (
                          <label class="checkbox">
                            <input
                              type="checkbox"
                              checked={list(f.name).includes(o.value)}
                              onChange={(e) =>
                                setValues(
                                  f.name,
                                  e.currentTarget.checked
                                    ? [...list(f.name), o.value]
                                    : list(f.name).filter((v) => v !== o.value),
                                )
                              }
                            />
                            <span>{o.label}</span>
                          </label>
                        )}
                      </For>
                    </fieldset>
                  </Match>
                </Switch>
                <Show when={f.hint}>
                  <p id={`${id}-hint`} class="field-hint">
                    {f.hint}
                  </p>
                </Show>
                <Show when={errors[f.name]}>
                  <p id={`${id}-error`} class="field-error">
                    {errors[f.name]}
                  </p>
                </Show>
              </div>
            )
          }}
        </For>
        <div role="alert">
          <Show when={error()}>
            <p class="form-error">{error()}</p>
          </Show>
        </div>
        <div class="modal-footer">
          <button type="button" class="button" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="button button-primary">
            {t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  )
}
