/**
 * A settings page that edits one document of the tenant (`GET` then `PUT` of one endpoint), such as the
 * company profile or the trash retention.
 * @module
 */
import { createResource, createSignal, For, Show } from 'solid-js'
import { createStore } from 'solid-js/store'
import { isApiError } from '../api/api-error'
import { request } from '../api/request'
import { useI18n } from '../app/i18n-context'
import { fieldErrorText } from '../form/field-error-text'
import { ErrorState, errorText, Loading } from '../ui/states'
import { notify } from '../ui/toaster'

export interface DocumentField {
  name: string
  label: string
  type?: 'text' | 'email' | 'tel' | 'url' | 'number'
  hint?: string
  autocomplete?: string
  wide?: boolean
}

/** Reads `address.city` style paths, for documents with nested parts. */
function readPath(doc: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      doc,
    )
}

export interface SettingsDocumentProps {
  title: string
  intro?: string
  endpoint: string
  fields: DocumentField[]
}

export function SettingsDocument(props: SettingsDocumentProps) {
  const i18n = useI18n()
  const { t } = i18n
  const [values, setValues] = createStore<Record<string, unknown>>({})
  const [errors, setErrors] = createStore<Record<string, string>>({})
  const [error, setError] = createSignal('')
  const [doc, { refetch }] = createResource(
    () => props.endpoint,
    async (e) => {
      const v = await request<Record<string, unknown>>(e)
      setValues(v ?? {})
      return v ?? {}
    },
  )
  const save = async (e: SubmitEvent) => {
    e.preventDefault()
    setError('')
    try {
      const saved = await request<Record<string, unknown>>(props.endpoint, {
        method: 'PUT',
        body: { ...values },
      })
      if (saved) setValues(saved)
      notify('success', t('settings.saved'))
    } catch (err) {
      if (isApiError(err)) for (const fe of err.errors) setErrors(fe.path, fieldErrorText(i18n, fe))
      setError(errorText(err, t('error.generic')))
    }
  }
  return (
    <section aria-labelledby="settings-title">
      <header class="page-header">
        <div>
          <h1 id="settings-title">{props.title}</h1>
          <Show when={props.intro}>
            <p class="muted">{props.intro}</p>
          </Show>
        </div>
      </header>
      <Show when={!doc.error} fallback={<ErrorState error={doc.error} onRetry={refetch} />}>
        <Show when={doc.latest} fallback={<Loading />}>
          <form class="card" onSubmit={save}>
            <div class="form-grid">
              <For each={props.fields}>
                {(f) => {
                  const id = `doc-${f.name}`
                  return (
                    <div class="form-field" classList={{ wide: f.wide, invalid: !!errors[f.name] }}>
                      <label for={id}>{f.label}</label>
                      <input
                        id={id}
                        class="input"
                        type={f.type ?? 'text'}
                        autocomplete={f.autocomplete ?? 'off'}
                        aria-describedby={f.hint ? `${id}-hint` : undefined}
                        aria-invalid={!!errors[f.name] || undefined}
                        value={(readPath(values, f.name) as string | number | undefined) ?? ''}
                        onInput={(e) => {
                          const v =
                            f.type === 'number' ? Number(e.currentTarget.value) : e.currentTarget.value
                          const [head, part] = f.name.split('.')
                          if (part) setValues(head, (old: unknown) => ({ ...(old as object), [part]: v }))
                          else setValues(head, v)
                        }}
                      />
                      <Show when={f.hint}>
                        <p id={`${id}-hint`} class="field-hint">
                          {f.hint}
                        </p>
                      </Show>
                      <Show when={errors[f.name]}>
                        <p class="field-error">{errors[f.name]}</p>
                      </Show>
                    </div>
                  )
                }}
              </For>
            </div>
            <div role="alert">
              <Show when={error()}>
                <p class="form-error">{error()}</p>
              </Show>
            </div>
            <div class="form-actions">
              <button type="submit" class="button button-primary">
                {t('common.save')}
              </button>
            </div>
          </form>
        </Show>
      </Show>
    </section>
  )
}
